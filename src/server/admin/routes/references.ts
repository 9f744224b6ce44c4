import { GatewayError } from '../../../canon/index.js';
import type { AdminDependencies } from '../admin-dependencies.js';

/** A key may only name a team and a plan that exist and are not deleted. */
export async function requireTeamAndPlan(
  deps: Pick<AdminDependencies, 'teams' | 'plans'>,
  teamId: string | null | undefined,
  planId: string | null | undefined,
): Promise<void> {
  if (teamId != null) {
    const team = await deps.teams.findById(teamId);
    if (team === undefined || team.deletedAt !== null) {
      throw new GatewayError('invalid_request', `no team with id '${teamId}'`, { param: 'team_id' });
    }
  }
  if (planId != null) {
    const plan = await deps.plans.findById(planId);
    if (plan === undefined || plan.deletedAt !== null) {
      throw new GatewayError('invalid_request', `no plan with id '${planId}'`, { param: 'plan_id' });
    }
  }
}
