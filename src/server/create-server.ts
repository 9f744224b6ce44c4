import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { GatewayError } from '../canon/index.js';
import { openAiChatIngress } from '../codecs/openai-chat/index.js';
import type { Logger } from '../telemetry/logger.js';
import { sendError } from './respond.js';

/** A route handler; `query` is parsed once here. */
export type RouteHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
  path: string,
) => unknown;

/** Exact-path routes by method, plus prefix routes for paths with parameters. */
export interface RouteTable {
  exact: Map<string, RouteHandler>;
  prefix: Array<{ method: string; prefix: string; handler: RouteHandler }>;
}

/**
 * A raw node:http server (docs/decisions/0001): routing is a map lookup, so the gateway adds as little as
 * possible to every request. Unknown paths get an OpenAI-shaped 404.
 */
export function createHttpServer(
  routes: RouteTable,
  logger: Logger,
  options: { keepAliveTimeoutMs: number; requestTimeoutMs: number },
): Server {
  const server = createServer(
    { keepAliveTimeout: options.keepAliveTimeoutMs, requestTimeout: options.requestTimeoutMs },
    (request, response) => {
      const url = request.url ?? '/';
      const queryStart = url.indexOf('?');
      const path = queryStart < 0 ? url : url.slice(0, queryStart);
      const query = new URLSearchParams(queryStart < 0 ? '' : url.slice(queryStart + 1));
      const method = request.method ?? 'GET';
      const handler = routes.exact.get(`${method} ${path}`) ?? findPrefix(routes, method, path);
      if (!handler) {
        const known = [...routes.exact.keys()].some((key) => key.endsWith(` ${path}`));
        const error = known
          ? new GatewayError('invalid_request', `Method ${method} is not allowed on ${path}.`, {
              status: 405,
            })
          : new GatewayError('not_found', `Unknown path: ${method} ${path}`);
        request.resume();
        sendError(response, openAiChatIngress, error);
        return;
      }
      Promise.resolve(handler(request, response, query, path)).catch((error: unknown) => {
        logger.error({ err: error, path }, 'unhandled route error');
        if (!response.headersSent)
          sendError(response, openAiChatIngress, new GatewayError('internal', 'internal error'));
        else response.destroy();
      });
    },
  );
  server.headersTimeout = Math.min(60_000, options.requestTimeoutMs);
  return server;
}

function findPrefix(routes: RouteTable, method: string, path: string): RouteHandler | undefined {
  for (const route of routes.prefix)
    if (route.method === method && path.startsWith(route.prefix)) return route.handler;
  return undefined;
}
