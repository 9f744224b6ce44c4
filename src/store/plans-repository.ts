import type { Kysely } from 'kysely';
import {
  createPolicyHolderRepository,
  type PolicyHolderPatch,
  type PolicyHolderRecord,
  type PolicyHolderRepository,
} from './policy-holder-repository.js';
import type { DatabaseSchema } from './schema.js';

/** A plan: a named bundle of limits and budgets (`free`, `starter`, `growth`) keys are put on; its id is a slug. */
export type PlanRecord = PolicyHolderRecord;

/** The fields an update may change; omitted fields stay, `null` clears the policy. */
export type PlanPatch = PolicyHolderPatch;

export type PlansRepository = PolicyHolderRepository<PlanRecord, PlanPatch>;

export function createPlansRepository(db: Kysely<DatabaseSchema>): PlansRepository {
  return createPolicyHolderRepository<PlanRecord, PlanPatch>(db, 'plans', 'plan', {
    toColumns: () => ({}),
    patchColumns: () => ({}),
    fromRow: (shared) => shared,
  });
}
