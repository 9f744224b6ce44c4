import { createKeyService } from '../auth/index.js';
import { toGatewayError } from '../canon/index.js';
import { buildAdminRoutes, runAdminRoute } from '../server/admin/index.js';
import { openStore } from '../store/index.js';
import type { AdminClient } from './admin-client.js';

/**
 * The admin API run in-process over the store in `dataDir`, for `--offline`: the same routes,
 * validation and answers as over HTTP, without a running gateway (e.g. before the first start).
 * A running gateway on the same store sees the changes within a second (its caches poll).
 */
export async function withLocalAdminClient<T>(
  dataDir: string,
  action: (client: AdminClient) => Promise<T>,
): Promise<T> {
  const store = await openStore({ dataDir });
  try {
    const routes = buildAdminRoutes({
      adminKey: undefined,
      keys: createKeyService(store.keys),
      keyRepository: store.keys,
      teams: store.teams,
      plans: store.plans,
      usage: store.usage,
      credits: undefined,
      onKeysChanged: async () => undefined,
      onPoliciesChanged: async () => undefined,
      maxBodyBytes: Number.MAX_SAFE_INTEGER,
    });
    return await action({
      async request<R>(method: string, target: string, body?: unknown): Promise<R> {
        const url = new URL(target, 'http://local');
        try {
          const result = await runAdminRoute(routes, {
            method,
            path: url.pathname,
            query: url.searchParams,
            // Through JSON, as over HTTP: undefined fields vanish, dates become text.
            readBody: async () => (body === undefined ? undefined : JSON.parse(JSON.stringify(body))),
          });
          return result.body as R;
        } catch (thrown) {
          const error = toGatewayError(thrown);
          const param = error.details.param ? ` (${error.details.param})` : '';
          throw new Error(`${error.status}: ${error.message}${param}`);
        }
      },
    });
  } finally {
    await store.close();
  }
}
