import type { Kysely } from 'kysely';
import { parsePolicyColumn } from './policy-column.js';
import type { DatabaseSchema } from './schema.js';
import { runStoreOperation } from './store-error.js';

/** A team's or plan's policy as the governance cache reads it. */
export interface PolicyRow {
  id: string;
  updatedAt: number;
  deletedAt: number | null;
  policy: ReturnType<typeof parsePolicyColumn>;
}

/** Read-only change feeds of team and plan policies, polled by governance/policy-cache. */
export interface PolicySources {
  teamsChangedSince(ms: number): Promise<PolicyRow[]>;
  plansChangedSince(ms: number): Promise<PolicyRow[]>;
}

export function createPolicySources(db: Kysely<DatabaseSchema>): PolicySources {
  const changedSince = (table: 'teams' | 'plans', ms: number) =>
    runStoreOperation(`poll ${table}`, async () => {
      const rows = await db
        .selectFrom(table)
        .select(['id', 'updated_at', 'deleted_at', 'policy'])
        .where('updated_at', '>=', ms)
        .orderBy('updated_at')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        updatedAt: Number(row.updated_at),
        deletedAt: row.deleted_at === null ? null : Number(row.deleted_at),
        policy: parsePolicyColumn(row.policy, `${table}.policy`),
      }));
    });
  return {
    teamsChangedSince: (ms) => changedSince('teams', ms),
    plansChangedSince: (ms) => changedSince('plans', ms),
  };
}
