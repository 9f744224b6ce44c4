import type { Principal } from '../../auth/index.js';
import type { Stage } from '../compose.js';

/** Finds the caller's virtual key (in memory, no I/O) and sets the principal. */
export function createAuthenticateStage(keys: { verify(credential: string | undefined): Principal }): Stage {
  return {
    name: 'authenticate',
    run(context, next) {
      context.principal = keys.verify(context.ingress.readCredential(context.head));
      return next();
    },
  };
}
