import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { toGatewayError } from '../../canon/index.js';
import type { Logger } from '../../telemetry/logger.js';
import type { RouteHandler } from '../create-server.js';
import { readJsonBody } from '../read-body.js';
import { sendJson } from '../respond.js';
import { createAdminAuthenticator } from './admin-auth.js';
import type { AdminDependencies } from './admin-dependencies.js';
import { sendAdminError } from './admin-error.js';
import { buildOpenApiDocument, openApiPath } from './openapi.js';
import { type AdminRoute, defineRoute, noBody, noQuery } from './route-spec.js';
import { creditRoutes } from './routes/credits.js';
import { keyRoutes } from './routes/keys.js';
import { planRoutes } from './routes/plans.js';
import { teamRoutes } from './routes/teams.js';
import { usageRoutes } from './routes/usage.js';
import { MethodNotAllowed, runAdminRoute } from './run-admin-route.js';

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
      const result = await runAdminRoute(routes, {
        method: request.method ?? 'GET',
        path,
        query,
        readBody: () => readOptionalBody(request, deps.maxBodyBytes),
        authorize: (route) => {
          if (route.auth !== false) authenticate(request.headers);
        },
      });
      sendJson(response, result.status, result.body);
      audit(logger, request.method, path, result.status);
    } catch (thrown) {
      const error = toGatewayError(thrown);
      if (error.status >= 500 && error.status !== 501) {
        logger.error({ err: thrown, path: redactKeys(path) }, 'admin API error');
      } else {
        audit(logger, request.method, path, error.status);
      }
      if (error.status === 413 || error.status === 415) response.setHeader('connection', 'close');
      if (error instanceof MethodNotAllowed) response.setHeader('allow', error.allowed.join(', '));
      sendAdminError(response, error);
    }
  };
}

/** One line per admin call (who changed what is worth a trail); bodies are never logged. */
function audit(logger: Logger, method: string | undefined, path: string, status: number): void {
  if (path === openApiPath) return;
  logger.info({ method, path: redactKeys(path), status }, 'admin API call');
}

/** A full virtual key pasted into a path (`/keys/sy_…/rotate`) keeps only its id in logs. */
export function redactKeys(text: string): string {
  return text.replace(/sy_([0-9A-Za-z]{12})_[0-9A-Za-z]{40}/g, 'sy_$1_[redacted]');
}

/** A missing body reads as undefined (routes whose body is optional accept that). */
async function readOptionalBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const length = request.headers['content-length'];
  if (length === '0' || (length === undefined && request.headers['transfer-encoding'] === undefined)) {
    return undefined;
  }
  return readJsonBody(request, maxBytes);
}
