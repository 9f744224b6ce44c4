import type { Kysely } from 'kysely';
import {
  createPolicyHolderRepository,
  type PolicyHolderPatch,
  type PolicyHolderRecord,
  type PolicyHolderRepository,
} from './policy-holder-repository.js';
import type { DatabaseSchema } from './schema.js';
import { parseStringRecord, toJsonColumn } from './store-error.js';

export type { IdPage } from './policy-holder-repository.js';

/** A team: keys belong to it, and its policy limits all of them together. */
export interface TeamRecord extends PolicyHolderRecord {
  metadata: Record<string, string> | null;
}

/** The fields an update may change; omitted fields stay, `null` clears policy or metadata. */
export interface TeamPatch extends PolicyHolderPatch {
  metadata?: Record<string, string> | null;
}

export type TeamsRepository = PolicyHolderRepository<TeamRecord, TeamPatch>;

export function createTeamsRepository(db: Kysely<DatabaseSchema>): TeamsRepository {
  return createPolicyHolderRepository<TeamRecord, TeamPatch>(db, 'teams', 'team', {
    toColumns: (record) => ({ metadata: toJsonColumn(record.metadata) }),
    patchColumns: (patch) => (patch.metadata === undefined ? {} : { metadata: toJsonColumn(patch.metadata) }),
    fromRow: (shared, row) => ({
      ...shared,
      metadata: parseStringRecord((row.metadata as string | null) ?? null, 'teams.metadata'),
    }),
  });
}
