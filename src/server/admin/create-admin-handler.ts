import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { GatewayError, toGatewayError } from '../../canon/index.js';
import type { Logger } from '../../telemetry/logger.js';
import type { RouteHandler } from '../create-server.js';
import { readJsonBody } from '../read-body.js';
import { sendJson } from '../respond.js';
import { createAdminAuthenticator } from './admin-auth.js';
import type { AdminDependencies } from './admin-dependencies.js';
import { sendAdminError, validationError } from './admin-error.js';
import { buildOpenApiDocument, openApiPath } from './openapi.js';
import { type AdminRoute, defineRoute, matchPath, noBody, noQuery } from './route-spec.js';
import { creditRoutes } from './routes/credits.js';
import { keyRoutes } from './routes/keys.js';
import { planRoutes } from './routes/plans.js';
import { teamRoutes } from './routes/teams.js';
import { usageRoutes } from './routes/usage.js';

/** The path prefix every admin route lives under. */
export const adminPrefix = '/admin/v1/';

/** Every admin route, the OpenAPI document included (it lists itself). */
export function buildAdminRoutes(deps: AdminDependencies): AdminRoute[] {
  const routes: AdminRoute[] = [
    ...keyRoutes(deps),
    ...teamRoutes(deps),
    ...planRoutes(deps),
    ...usageRoutes(deps),
    ...creditRoutes(deps),
  ];
  let document: Record<string, unknown> | undefined;
  routes.push(
    defineRoute({
      method: 'GET',
      path: openApiPath,
      tag: 'meta',
      summary: 'This OpenAPI 3.1 document (no admin key needed: it holds no data)',
      auth: false,
      query: noQuery,
      body: noBody,
      response: z.record(z.string(), z.unknown()),
      async handle() {
        document ??= buildOpenApiDocument(routes);
        return document;
      },
    }),
  );
  return routes;
}

/** One handler for every method under `/admin/v1/`: match, authenticate, validate, run, answer JSON. */
export function createAdminHandler(deps: AdminDependencies, logger: Logger): RouteHandler {
  const routes = buildAdminRoutes(deps);
  const authenticate = createAdminAuthenticator(deps.adminKey);
  return async (request, response, query, path) => {
    try {
      const method = request.method ?? 'GET';
      const found = findRoute(routes, method, path);
      if ('allowed' in found) {
        response.setHeader('allow', found.allowed.join(', '));
        throw new GatewayError('invalid_request', `Method ${method} is not allowed on ${path}.`, {
          status: 405,
        });
      }
      const { route, params } = found;
      if (route.auth !== false) authenticate(request.headers);
      const parsedQuery = route.query.safeParse(Object.fromEntries(query));
      if (!parsedQuery.success) throw validationError(parsedQuery.error, 'query');
      const rawBody =
        route.body === noBody ? drain(request) : await readOptionalBody(request, deps.maxBodyBytes);
      const parsedBody = route.body.safeParse(rawBody);
      if (!parsedBody.success) throw validationError(parsedBody.error, 'body');
      const result = await route.handle({ params, query: parsedQuery.data, body: parsedBody.data });
      sendJson(response, route.status ?? 200, result);
    } catch (thrown) {
      const error = toGatewayError(thrown);
      if (error.status >= 500 && error.status !== 501) logger.error({ err: thrown, path }, 'admin API error');
      if (error.status === 413 || error.status === 415) response.setHeader('connection', 'close');
      sendAdminError(response, error);
    }
  };
}

/** The route and its path parameters, or the methods the path does allow (for a 405). */
function findRoute(
  routes: readonly AdminRoute[],
  method: string,
  path: string,
): { route: AdminRoute; params: Record<string, string> } | { allowed: string[] } {
  const allowed: string[] = [];
  for (const route of routes) {
    let params: Record<string, string> | undefined;
    try {
      params = matchPath(route.path, path);
    } catch {
      throw new GatewayError('invalid_request', `Malformed percent-encoding in path ${path}`);
    }
    if (params === undefined) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  if (allowed.length > 0) return { allowed };
  throw new GatewayError('not_found', `Unknown admin path: ${method} ${path} (see ${openApiPath})`);
}

/** Routes without a body ignore any sent, but read it so the connection stays usable. */
function drain(request: IncomingMessage): undefined {
  request.resume();
  return undefined;
}

/** A missing body reads as undefined (routes whose body is optional accept that). */
async function readOptionalBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const length = request.headers['content-length'];
  if (length === '0' || (length === undefined && request.headers['transfer-encoding'] === undefined)) {
    return undefined;
  }
  return readJsonBody(request, maxBytes);
}
