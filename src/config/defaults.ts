import type {
  BalanceStrategy,
  ResolvedConfig,
  ResolvedModel,
  ResolvedProvider,
  ResolvedRouting,
} from './types.js';

/** Server defaults: loopback only, 10 MiB bodies, 10 minutes per request, keep-alive above common LB idle (60 s). */
export const serverDefaults: ResolvedConfig['server'] = {
  host: '127.0.0.1',
  port: 8080,
  maxBodyBytes: 10_485_760,
  requestTimeoutMs: 600_000,
  keepAliveTimeoutMs: 65_000,
};

/** 1,000 turns for one hour: enough for interactive chains, bounded memory. */
export const responsesDefaults: ResolvedConfig['responses'] = {
  history: { maxEntries: 1_000, ttlMs: 3_600_000 },
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

/** Weights then decide; equal weights keep configuration order. */
export const balanceDefault: BalanceStrategy = 'weighted';

/** A stream cut after its first token is continued elsewhere unless a model opts out. */
export const rescueDefault = true;

/** Above this prompt complexity (0..1), `auto` prefers the premium models. */
export const premiumAboveDefault = 0.7;

/** Three consecutive failures open a deployment's breaker for ten seconds. */
export const breakerDefaults: ResolvedRouting['breaker'] = { failureThreshold: 3, openMs: 10_000 };

/** A 429 without Retry-After rests a deployment 10 s; a rejected key rests it 5 minutes (it rarely heals sooner). */
export const cooldownDefaults: ResolvedRouting['cooldowns'] = { rateLimitMs: 10_000, authMs: 300_000 };

/** Waiting longer than this on one deployment's Retry-After is worse than failing. */
export const maxRetryAfterMsDefault = 10_000;

/** Output tokens `/v1/estimate` assumes when the request sets no max_tokens. */
export const defaultOutputTokensDefault = 256;

/**
 * Routing with nothing configured: every `auto` class chooses by its default strategy, no
 * policies, no industries. A fresh object each call, since the maps and lists are mutable.
 */
export function defaultRouting(): ResolvedRouting {
  return {
    auto: {
      classes: { code: [], reasoning: [], summary: [], long_context: [], chat: [] },
      premium: [],
      premiumAbove: premiumAboveDefault,
    },
    policies: new Map(),
    industries: new Map(),
    breaker: { ...breakerDefaults },
    cooldowns: { ...cooldownDefaults },
    maxRetryAfterMs: maxRetryAfterMsDefault,
    defaultOutputTokens: defaultOutputTokensDefault,
  };
}
