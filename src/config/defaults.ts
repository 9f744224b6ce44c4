import type { ResolvedConfig, ResolvedModel, ResolvedProvider } from './types.js';

/** Server defaults: loopback only, 10 MiB bodies, 10 minutes per request, keep-alive above common LB idle (60 s). */
export const serverDefaults: ResolvedConfig['server'] = {
  host: '127.0.0.1',
  port: 8080,
  maxBodyBytes: 10_485_760,
  requestTimeoutMs: 600_000,
  keepAliveTimeoutMs: 65_000,
};

export const loggingDefaults: ResolvedConfig['logging'] = { level: 'info' };

/** The store file's name inside the data directory. */
export const storeFileName = 'switchyard.db';

/** Per-provider transport timeouts; a long reasoning model may take a minute before headers. */
export const transportTimeoutDefaults: ResolvedProvider['timeouts'] = {
  connectMs: 5_000,
  headersMs: 60_000,
  bodyMs: 60_000,
};

/** Per-model timeouts. */
export const modelTimeoutDefaults: ResolvedModel['timeouts'] = {
  ttftMs: 30_000,
  idleMs: 60_000,
  totalMs: 600_000,
};

/** One try per target: failures move on to the next target rather than hammering the same one. */
export const retryDefaults: ResolvedModel['retry'] = { attempts: 1, backoffMs: 250 };

export const defaultWeight = 1;
