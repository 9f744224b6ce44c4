import type { Kysely, Selectable } from 'kysely';
import { type PolicyDocument, parsePolicyColumn } from './policy-column.js';
import type { DatabaseSchema, TeamsTable } from './schema.js';
import { parseStringRecord, runStoreOperation, toJsonColumn } from './store-error.js';

/** A team: keys belong to it, and its policy limits all of them together. */
export interface TeamRecord {
  id: string;
  name: string;
  policy: PolicyDocument | null;
  metadata: Record<string, string> | null;
  createdAt: number;
  /** Bumped on every change, so policy caches can poll for changes. */
  updatedAt: number;
  /** Soft delete: the row stays so old log rows still name a team. */
  deletedAt: number | null;
}

/** The fields an update may change; omitted fields stay, `null` clears policy or metadata. */
export interface TeamPatch {
  name?: string;
  policy?: PolicyDocument | null;
  metadata?: Record<string, string> | null;
}

/** A page of rows ordered by id; `after` is the last id of the previous page. */
export interface IdPage {
  limit: number;
  after?: string;
  includeDeleted?: boolean;
}

export interface TeamsRepository {
  /** False (nothing written) when the id is taken, deleted teams included; safe under concurrent inserts. */
  insert(record: TeamRecord): Promise<boolean>;
  /** Deleted teams too (callers decide what a deleted team means). */
  findById(id: string): Promise<TeamRecord | undefined>;
  list(page: IdPage): Promise<TeamRecord[]>;
  /** The stored record after the change, or undefined for an unknown or deleted team. */
  update(id: string, patch: TeamPatch, at: number): Promise<TeamRecord | undefined>;
  /** False when the team is unknown or already deleted. */
  softDelete(id: string, at: number): Promise<boolean>;
  /** Teams (deleted ones included) with `updatedAt >= ms`, oldest change first. */
  changedSince(ms: number): Promise<TeamRecord[]>;
}

type TeamRow = Selectable<TeamsTable>;

export function createTeamsRepository(db: Kysely<DatabaseSchema>): TeamsRepository {
  const findById = (id: string) =>
    runStoreOperation('find team', async () => {
      const row = await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    });
  return {
    insert(record) {
      return runStoreOperation('insert team', async () => {
        const result = await db
          .insertInto('teams')
          .values(toRow(record))
          .onConflict((conflict) => conflict.column('id').doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      });
    },
    findById,
    list(page) {
      return runStoreOperation('list teams', async () => {
        let query = db.selectFrom('teams').selectAll();
        if (page.after !== undefined) query = query.where('id', '>', page.after);
        if (page.includeDeleted !== true) query = query.where('deleted_at', 'is', null);
        const rows = await query.orderBy('id').limit(page.limit).execute();
        return rows.map(fromRow);
      });
    },
    async update(id, patch, at) {
      const changed = await runStoreOperation('update team', async () => {
        const result = await db
          .updateTable('teams')
          .set({
            ...(patch.name === undefined ? {} : { name: patch.name }),
            ...(patch.policy === undefined ? {} : { policy: toJsonColumn(patch.policy) }),
            ...(patch.metadata === undefined ? {} : { metadata: toJsonColumn(patch.metadata) }),
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
      return runStoreOperation('delete team', async () => {
        const result = await db
          .updateTable('teams')
          .set({ deleted_at: at, updated_at: at })
          .where('id', '=', id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      });
    },
    changedSince(ms) {
      return runStoreOperation('list changed teams', async () => {
        const rows = await db
          .selectFrom('teams')
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

function toRow(record: TeamRecord): TeamRow {
  return {
    id: record.id,
    name: record.name,
    policy: toJsonColumn(record.policy),
    metadata: toJsonColumn(record.metadata),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    deleted_at: record.deletedAt,
  };
}

// Number() on integer columns: PostgreSQL drivers return bigint columns as strings by default.
function fromRow(row: TeamRow): TeamRecord {
  return {
    id: row.id,
    name: row.name,
    policy: parsePolicyColumn(row.policy, 'teams.policy'),
    metadata: parseStringRecord(row.metadata, 'teams.metadata'),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    deletedAt: row.deleted_at === null ? null : Number(row.deleted_at),
  };
}
