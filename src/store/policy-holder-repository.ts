import type { Kysely } from 'kysely';
import { type PolicyDocument, parsePolicyColumn } from './policy-column.js';
import type { DatabaseSchema } from './schema.js';
import { runStoreOperation, toJsonColumn } from './store-error.js';

/** What teams and plans have in common: a named, soft-deletable holder of a policy. */
export interface PolicyHolderRecord {
  id: string;
  name: string;
  policy: PolicyDocument | null;
  createdAt: number;
  /** Bumped on every change, so policy caches can poll for changes. */
  updatedAt: number;
  /** Soft delete: the row stays so old log rows still name it. */
  deletedAt: number | null;
}

/** The fields every update may change; omitted fields stay, `null` clears the policy. */
export interface PolicyHolderPatch {
  name?: string;
  policy?: PolicyDocument | null;
}

/** A page of rows ordered by id; `after` is the last id of the previous page. */
export interface IdPage {
  limit: number;
  after?: string;
  includeDeleted?: boolean;
}

export interface PolicyHolderRepository<Record extends PolicyHolderRecord, Patch extends PolicyHolderPatch> {
  /** False (nothing written) when the id is taken, deleted rows included; safe under concurrent inserts. */
  insert(record: Record): Promise<boolean>;
  /** Deleted rows too (callers decide what a deleted one means). */
  findById(id: string): Promise<Record | undefined>;
  list(page: IdPage): Promise<Record[]>;
  /** The stored record after the change, or undefined for an unknown or deleted row. */
  update(id: string, patch: Patch, at: number): Promise<Record | undefined>;
  /** False when the row is unknown or already deleted. */
  softDelete(id: string, at: number): Promise<boolean>;
  /** Rows (deleted ones included) with `updatedAt >= ms`, oldest change first. */
  changedSince(ms: number): Promise<Record[]>;
}

/** The columns the `teams` and `plans` tables share (teams add `metadata`). */
interface HolderColumns {
  id: string;
  name: string;
  policy: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

/** How one table's extra columns map to and from its record. */
export interface HolderExtras<Record, Patch> {
  /** Columns beyond the shared ones, for an insert. */
  toColumns(record: Record): { [column: string]: unknown };
  /** Columns beyond the shared ones, for an update (only the fields the patch names). */
  patchColumns(patch: Patch): { [column: string]: unknown };
  /** The record from the shared part and the row's own columns. */
  fromRow(shared: PolicyHolderRecord, row: { [column: string]: unknown }): Record;
}

/**
 * The repository of a policy-holder table (`teams`, `plans`). Portable SQL only; the table name is
 * the only thing that differs in the queries, so both tables are read through one shared view.
 */
export function createPolicyHolderRepository<
  Record extends PolicyHolderRecord,
  Patch extends PolicyHolderPatch,
>(
  db: Kysely<DatabaseSchema>,
  table: 'teams' | 'plans',
  noun: string,
  extras: HolderExtras<Record, Patch>,
): PolicyHolderRepository<Record, Patch> {
  const view = db as unknown as Kysely<{ [name in 'teams' | 'plans']: HolderColumns }>;
  const fromRow = (row: HolderColumns): Record =>
    extras.fromRow(
      {
        id: row.id,
        name: row.name,
        policy: parsePolicyColumn(row.policy, `${table}.policy`),
        // Number(): PostgreSQL drivers return bigint columns as strings by default.
        createdAt: Number(row.created_at),
        updatedAt: Number(row.updated_at),
        deletedAt: row.deleted_at === null ? null : Number(row.deleted_at),
      },
      row as unknown as { [column: string]: unknown },
    );
  const findById = (id: string) =>
    runStoreOperation(`find ${noun}`, async () => {
      const row = await view.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    });
  return {
    insert(record) {
      return runStoreOperation(`insert ${noun}`, async () => {
        const columns = {
          id: record.id,
          name: record.name,
          policy: toJsonColumn(record.policy),
          created_at: record.createdAt,
          updated_at: record.updatedAt,
          deleted_at: record.deletedAt,
          ...extras.toColumns(record),
        };
        const result = await view
          .insertInto(table)
          .values(columns as HolderColumns)
          .onConflict((conflict) => conflict.column('id').doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      });
    },
    findById,
    list(page) {
      return runStoreOperation(`list ${noun}s`, async () => {
        let query = view.selectFrom(table).selectAll();
        if (page.after !== undefined) query = query.where('id', '>', page.after);
        if (page.includeDeleted !== true) query = query.where('deleted_at', 'is', null);
        const rows = await query.orderBy('id').limit(page.limit).execute();
        return rows.map(fromRow);
      });
    },
    async update(id, patch, at) {
      const changed = await runStoreOperation(`update ${noun}`, async () => {
        const columns = {
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.policy === undefined ? {} : { policy: toJsonColumn(patch.policy) }),
          ...extras.patchColumns(patch),
          updated_at: at,
        };
        const result = await view
          .updateTable(table)
          .set(columns as Partial<HolderColumns>)
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      });
      return changed ? findById(id) : undefined;
    },
    softDelete(id, at) {
      return runStoreOperation(`delete ${noun}`, async () => {
        const result = await view
          .updateTable(table)
          .set({ deleted_at: at, updated_at: at })
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      });
    },
    changedSince(ms) {
      return runStoreOperation(`list changed ${noun}s`, async () => {
        const rows = await view
          .selectFrom(table)
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
