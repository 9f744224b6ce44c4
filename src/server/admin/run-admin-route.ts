import { GatewayError } from '../../canon/index.js';
import { validationError } from './admin-error.js';
import { openApiPath } from './openapi.js';
import { type AdminRoute, matchPath, noBody } from './route-spec.js';

/** One admin call, however it arrived (HTTP, or in-process from the CLI's --offline mode). */
export interface AdminCall {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Read only when the route takes a body. */
  readBody(): Promise<unknown>;
  /** Checks the caller may use the route (HTTP: the admin key); absent for in-process calls. */
  authorize?(route: AdminRoute): void;
}

/** A 405: the path exists with other methods. */
export class MethodNotAllowed extends GatewayError {
  readonly allowed: string[];
  constructor(method: string, path: string, allowed: string[]) {
    super('invalid_request', `Method ${method} is not allowed on ${path}.`, { status: 405 });
    this.allowed = allowed;
  }
}

/**
 * Matches, authorizes, validates query and body with the route's zod schemas, and runs it. Throws
 * GatewayError (400 naming the field, 404, 405 as {@link MethodNotAllowed}, and whatever the
 * handler throws).
 */
export async function runAdminRoute(
  routes: readonly AdminRoute[],
  call: AdminCall,
): Promise<{ status: number; body: unknown }> {
  const { route, params } = findRoute(routes, call.method, call.path);
  call.authorize?.(route);
  const query = route.query.safeParse(Object.fromEntries(call.query));
  if (!query.success) throw validationError(query.error, 'query');
  const body = route.body.safeParse(route.body === noBody ? undefined : await call.readBody());
  if (!body.success) throw validationError(body.error, 'body');
  const result = await route.handle({ params, query: query.data, body: body.data });
  return { status: route.status ?? 200, body: result };
}

function findRoute(routes: readonly AdminRoute[], method: string, path: string) {
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
  if (allowed.length > 0) throw new MethodNotAllowed(method, path, allowed);
  throw new GatewayError('not_found', `Unknown admin path: ${method} ${path} (see ${openApiPath})`);
}
