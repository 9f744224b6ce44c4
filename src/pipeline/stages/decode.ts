import { isModelAllowed } from '../../auth/index.js';
import { GatewayError } from '../../canon/index.js';
import type { Stage } from '../compose.js';

/** Decodes the body in the caller's shape and checks the key may use the model it names. */
export function createDecodeStage(): Stage {
  return {
    name: 'decode',
    run(context, next) {
      const request = context.ingress.decodeRequest(context.rawBody, context.routeParams);
      context.request = request;
      const principal = context.principal;
      if (principal && !isModelAllowed(principal, request.model)) {
        throw new GatewayError(
          'model_not_allowed',
          `This key is not allowed to use the model '${request.model}'.`,
          {
            param: 'model',
          },
        );
      }
      return next();
    },
  };
}
