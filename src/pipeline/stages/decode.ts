import type { Stage } from '../compose.js';

/**
 * Decodes the body in the caller's shape. Which models the key may use is checked by the router,
 * deployment by deployment, because routing forms (`auto`, `strategy:*`) choose among many.
 */
export function createDecodeStage(): Stage {
  return {
    name: 'decode',
    run(context, next) {
      context.request = context.ingress.decodeRequest(context.rawBody, context.routeParams);
      return next();
    },
  };
}
