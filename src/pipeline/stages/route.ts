import type { Principal } from '../../auth/index.js';
import { GatewayError } from '../../canon/index.js';
import type { RouteOverrides, Router } from '../../routing/resolve-plan.js';
import type { Stage } from '../compose.js';
import type { RequestContext } from '../context.js';

/** Header names of the routing choices callers make without touching the model field. */
export const routeModeHeader = 'x-switchyard-route-mode';
export const forceModelHeader = 'x-switchyard-force-model';

/** Resolves the requested model (or the routing headers the key may use) into an ordered plan. */
export function createRouteStage(router: Router): Stage {
  return {
    name: 'route',
    run(context, next) {
      const request = context.request as NonNullable<RequestContext['request']>;
      context.plan = router.resolve(request, context.principal, readOverrides(context));
      return next();
    },
  };
}

/**
 * The routing headers, each honoured only when the key's metadata grants it (`routing_headers`:
 * `mode`, `force` or `mode,force`); a header the key may not use is refused, not ignored.
 */
function readOverrides(context: RequestContext): RouteOverrides | undefined {
  const mode = single(context.head.headers[routeModeHeader]);
  const force = single(context.head.headers[forceModelHeader]);
  if (mode === undefined && force === undefined) return undefined;
  const granted = grantedHeaders(context.principal);
  if (mode !== undefined && !granted.has('mode')) {
    throw new GatewayError('forbidden', `This key may not use the ${routeModeHeader} header.`, {
      param: routeModeHeader,
    });
  }
  if (force !== undefined && !granted.has('force')) {
    throw new GatewayError('forbidden', `This key may not use the ${forceModelHeader} header.`, {
      param: forceModelHeader,
    });
  }
  return {
    ...(mode === undefined ? {} : { mode: mode.trim().toLowerCase() }),
    ...(force === undefined ? {} : { forceModel: force.trim() }),
  };
}

function grantedHeaders(principal: Principal | undefined): Set<string> {
  const value = principal?.metadata?.routing_headers ?? '';
  return new Set(
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
