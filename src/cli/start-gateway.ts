import { type App, buildApp } from '../app.js';
import {
  isSimulatorPlaceholder,
  loadConfiguration,
  type ResolvedConfig,
  withSimulatorBaseUrl,
} from '../config/index.js';
import type { Simulator } from '../simulator/index.js';
import { createLogger, type Logger } from '../telemetry/logger.js';

/** How to start a gateway (the CLI fills this from flags and the environment; tests directly). */
export interface StartGatewayOptions {
  configPath?: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  port?: number;
  host?: string;
  logger?: Logger;
  keyPollIntervalMs?: number;
  /** Pause between the in-process simulator's stream chunks (the demo sets one so streams look like streams). */
  simulatorDelayMs?: number;
  /** Create and return a key when the store has none (the first start). Default true. */
  createInitialKey?: boolean;
}

/** A listening gateway, with its in-process simulator when the configuration needs one. */
export interface RunningGateway {
  url: string;
  port: number;
  app: App;
  config: ResolvedConfig;
  simulator?: Simulator;
  /** The key created on first start (shown once), if one was. */
  initialKey?: string;
  close(): Promise<void>;
}

/** Loads configuration, starts the simulator if needed, builds the app and listens. */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  let config = loadConfiguration({
    configPath: options.configPath,
    env: options.env,
    dataDir: options.dataDir,
  });
  const logger = options.logger ?? createLogger(config.logging.level);
  let simulator: Simulator | undefined;
  if ([...config.providers.values()].some((provider) => isSimulatorPlaceholder(provider.baseUrl))) {
    // Loaded only when needed: the simulator pulls in a tokenizer worth tens of megabytes.
    const { startSimulator } = await import('../simulator/index.js');
    simulator = await startSimulator({
      port: 0,
      host: '127.0.0.1',
      defaultDelayMs: options.simulatorDelayMs ?? 0,
    });
    config = withSimulatorBaseUrl(config, `${simulator.url}/v1`);
  }
  let app: App;
  try {
    app = await buildApp({
      config,
      dataDir: options.dataDir,
      logger,
      keyPollIntervalMs: options.keyPollIntervalMs,
    });
  } catch (error) {
    await simulator?.close();
    throw error;
  }
  let initialKey: string | undefined;
  if (options.createInitialKey !== false && (await app.store.keys.count()) === 0) {
    initialKey = (await app.keys.create({ name: 'initial' })).key;
    await app.keyCache.refresh();
  }
  const address = await app.listen(options.port ?? config.server.port, options.host ?? config.server.host);
  return {
    ...address,
    app,
    config,
    ...(simulator ? { simulator } : {}),
    ...(initialKey ? { initialKey } : {}),
    async close() {
      await app.close();
      await simulator?.close();
    },
  };
}
