import type { Router } from '../../routing/resolve-plan.js';
import type { Stage } from '../compose.js';

/** Resolves the requested model into an ordered plan of deployments. */
export function createRouteStage(router: Router): Stage {
  return {
    name: 'route',
    run(context, next) {
      context.plan = router.resolve((context.request as NonNullable<typeof context.request>).model);
      return next();
    },
  };
}
