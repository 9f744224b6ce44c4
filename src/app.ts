// The composition root: builds every module with explicit dependencies and wires the HTTP routes.
// No request logic lives here.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKeyCache, createKeyService, type KeyCache, type KeyService } from './auth/index.js';
import { loadCatalogWithFiles, type ModelCatalog } from './catalog/index.js';
import { InMemoryResponseHistory } from './codecs/openai-responses/index.js';
import type { ResolvedConfig } from './config/index.js';
import { createEndpointPricing } from './endpoints/pricing.js';
import { type Governance, startGovernance } from './governance/start.js';
import { createHttpClient } from './http/index.js';
import { composeStages } from './pipeline/compose.js';
import { buildLogRow } from './pipeline/log-row.js';
import { createAuthenticateStage } from './pipeline/stages/authenticate.js';
import { createDecodeStage } from './pipeline/stages/decode.js';
import { createDispatch } from './pipeline/stages/dispatch.js';
import { createGovernStage } from './pipeline/stages/govern.js';
import { createReadBodyStage } from './pipeline/stages/read-body.js';
import { createResponseHistoryStage } from './pipeline/stages/response-history.js';
import { createRouteStage } from './pipeline/stages/route.js';
import { createSettleStage } from './pipeline/stages/settle.js';
import { createStrictModeStage } from './pipeline/stages/strict-mode.js';
import { createPricing } from './pricing.js';
import { createProviderAdapters } from './providers/registry.js';
import { DeploymentHealth } from './routing/health.js';
import { createRouter, type Router } from './routing/resolve-plan.js';
import { wireAdminApi } from './server/admin/index.js';
import { buildRoutes } from './server/build-routes.js';
import { createHttpServer } from './server/create-server.js';
import {
  createWriteBehindQueue,
  openStore,
  type RequestLogRow,
  type Store,
  type WriteBehindQueue,
} from './store/index.js';
import type { Logger } from './telemetry/logger.js';

/** A built gateway, not yet listening. */
export interface App {
  server: Server;
  store: Store;
  keys: KeyService;
  keyCache: KeyCache;
  router: Router;
  catalog: ModelCatalog;
  requestLog: WriteBehindQueue<RequestLogRow>;
  governance: Governance;
  listen(port: number, host: string): Promise<{ url: string; port: number }>;
  /** Stops accepting, finishes in-flight requests (up to `graceMs`), drains the log, closes the store. */
  close(graceMs?: number): Promise<void>;
}

export interface AppOptions {
  config: ResolvedConfig;
  dataDir: string;
  logger: Logger;
  /** How often the key cache polls the store (tests shorten it). */
  keyPollIntervalMs?: number;
}

export async function buildApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const store = await openStore({ dataDir: options.dataDir, path: config.store.path });
  await store.migrate();
  const keyCache = createKeyCache({
    repository: store.keys,
    pollIntervalMs: options.keyPollIntervalMs ?? 250,
    onError: (error) => logger.warn({ err: error }, 'key cache poll failed; serving the keys it last knew'),
  });
  await keyCache.start();
  const keys = createKeyService(store.keys);
  const requestLog = createWriteBehindQueue<RequestLogRow>({
    write: (rows) => store.requestLog.appendMany(rows),
    onError: (error, batch) =>
      logger.error({ err: error, rows: batch.length }, 'request log rows could not be written'),
  });
  const catalog = loadCatalogWithFiles(config.catalogFiles);
  const adapters = createProviderAdapters(config.providers, catalog);
  const http = createHttpClient();
  const health = new DeploymentHealth(config.routing);
  const router = createRouter(config, catalog, health);
  const pricing = createPricing(catalog, adapters, config.governance.baselineModel);
  const governance = await startGovernance({ store, logger, pricing, config });
  const responseHistory = new InMemoryResponseHistory(config.responses.history);
  const pipeline = composeStages(
    [
      createSettleStage(pricing, {
        record: (context, result) => {
          governance.governor.finish(context, result);
          requestLog.enqueue(buildLogRow(context, result));
        },
      }),
      createAuthenticateStage(keyCache),
      createReadBodyStage(),
      createDecodeStage(),
      createStrictModeStage(config.translation.strict),
      createResponseHistoryStage(responseHistory, logger),
      createRouteStage(router),
      createGovernStage(governance.governor),
    ],
    createDispatch({
      adapters,
      http,
      health,
      maxRetryAfterMs: config.routing.maxRetryAfterMs,
      alert: (message, details) => logger.warn(details, message),
    }),
  );
  const routes = buildRoutes({
    pipeline,
    keys: keyCache,
    router,
    logger,
    maxBodyBytes: config.server.maxBodyBytes,
    summaryInBody: config.governance.summaryInBody,
    defaultOutputTokens: config.routing.defaultOutputTokens,
    responseHistory,
    readiness: { storeReachable: () => store.ping(), providerCount: () => adapters.size },
    endpoints: {
      keys: keyCache,
      router,
      providers: config.providers,
      http,
      health,
      maxRetryAfterMs: config.routing.maxRetryAfterMs,
      entryOf: createEndpointPricing(catalog, config.providers),
      requestLog,
      maxBodyBytes: config.server.maxBodyBytes,
      logger,
      governor: governance.governor,
    },
    admin: wireAdminApi({
      config,
      store,
      keys,
      keyCache,
      policies: governance.policies,
      credits: governance.credits,
    }),
  });
  const server = createHttpServer(routes, logger, {
    keepAliveTimeoutMs: config.server.keepAliveTimeoutMs,
    requestTimeoutMs: config.server.requestTimeoutMs,
  });
  return {
    server,
    store,
    keys,
    keyCache,
    router,
    catalog,
    requestLog,
    governance,
    listen: (port, host) => listen(server, port, host),
    async close(graceMs = 10_000) {
      await closeServer(server, graceMs);
      keyCache.stop();
      await requestLog.drain();
      await governance.close();
      await http.close();
      for (const adapter of adapters.values()) if (adapter.transport === 'sdk') adapter.close();
      await store.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<{ url: string; port: number }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({ url: `http://${shownHost}:${address.port}`, port: address.port });
    });
  });
}

/** Stops accepting connections, lets in-flight requests finish, then cuts idle and stuck ones. */
function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
