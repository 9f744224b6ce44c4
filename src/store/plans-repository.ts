import type { Kysely, Selectable } from 'kysely';
import { type PolicyDocument, parsePolicyColumn } from './policy-column.js';
import type { DatabaseSchema, PlansTable } from './schema.js';
import { runStoreOperation, toJsonColumn } from './store-error.js';
import type { IdPage } from './teams-repository.js';

/** A plan: a named bundle of limits and budgets (`free`, `starter`, `growth`) keys are put on. */
export interface PlanRecord {
  /** A slug chosen by the operator. */
  id: string;
  name: string;
  policy: PolicyDocument | null;
  createdAt: number;
  /** Bumped on every change, so policy caches can poll for changes. */
  updatedAt: number;
  deletedAt: number | null;
}

/** The fields an update may change; omitted fields stay, `null` clears the policy. */
export interface PlanPatch {
  name?: string;
  policy?: PolicyDocument | null;
}

export interface PlansRepository {
  /** False (nothing written) when the id is taken, deleted plans included; safe under concurrent inserts. */
  insert(record: PlanRecord): Promise<boolean>;
  /** Deleted plans too. */
  findById(id: string): Promise<PlanRecord | undefined>;
  list(page: IdPage): Promise<PlanRecord[]>;
  /** The stored record after the change, or undefined for an unknown or deleted plan. */
  update(id: string, patch: PlanPatch, at: number): Promise<PlanRecord | undefined>;
  /** False when the plan is unknown or already deleted. */
  softDelete(id: string, at: number): Promise<boolean>;
  /** Plans (deleted ones included) with `updatedAt >= ms`, oldest change first. */
  changedSince(ms: number): Promise<PlanRecord[]>;
}

type PlanRow = Selectable<PlansTable>;

export function createPlansRepository(db: Kysely<DatabaseSchema>): PlansRepository {
  const findById = (id: string) =>
    runStoreOperation('find plan', async () => {
      const row = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    });
  return {
    insert(record) {
      return runStoreOperation('insert plan', async () => {
        const result = await db
          .insertInto('plans')
          .values(toRow(record))
          .onConflict((conflict) => conflict.column('id').doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      });
    },
    findById,
    list(page) {
      return runStoreOperation('list plans', async () => {
        let query = db.selectFrom('plans').selectAll();
        if (page.after !== undefined) query = query.where('id', '>', page.after);
        if (page.includeDeleted !== true) query = query.where('deleted_at', 'is', null);
        const rows = await query.orderBy('id').limit(page.limit).execute();
        return rows.map(fromRow);
      });
    },
    async update(id, patch, at) {
      const changed = await runStoreOperation('update plan', async () => {
        const result = await db
          .updateTable('plans')
          .set({
            ...(patch.name === undefined ? {} : { name: patch.name }),
            ...(patch.policy === undefined ? {} : { policy: toJsonColumn(patch.policy) }),
            updated_at: at,
          })
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      });
      return changed ? findById(id) : undefined;
    },
    softDelete(id, at) {
      return runStoreOperation('delete plan', async () => {
        const result = await db
          .updateTable('plans')
          .set({ deleted_at: at, updated_at: at })
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      });
    },
    changedSince(ms) {
      return runStoreOperation('list changed plans', async () => {
        const rows = await db
          .selectFrom('plans')
          .selectAll()
          .where('updated_at', '>=', ms)
          .orderBy('updated_at')
          .orderBy('id')
          .execute();
        return rows.map(fromRow);
      });
    },
  };
}

function toRow(record: PlanRecord): PlanRow {
  return {
    id: record.id,
    name: record.name,
    policy: toJsonColumn(record.policy),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    deleted_at: record.deletedAt,
  };
}

function fromRow(row: PlanRow): PlanRecord {
  return {
    id: row.id,
    name: row.name,
    policy: parsePolicyColumn(row.policy, 'plans.policy'),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    deletedAt: row.deleted_at === null ? null : Number(row.deleted_at),
  };
}
