import type { Governor } from '../../governance/governor.js';
import type { Stage } from '../compose.js';

/**
 * Reserves rate limits, budgets and credits for the routed request (all or nothing) before any
 * upstream is called; the settle stage hands the reservations back with what was really used.
 */
export function createGovernStage(governor: Governor): Stage {
  return {
    name: 'govern',
    async run(context, next) {
      await governor.admit(context);
      return next();
    },
  };
}
