import type { Kysely, Selectable } from 'kysely';
import { type PolicyDocument, parsePolicyColumn } from './policy-column.js';
import type { DatabaseSchema, VirtualKeysTable } from './schema.js';
import { parseStringArray, parseStringRecord, runStoreOperation, toJsonColumn } from './store-error.js';

/** A stored virtual key. The secret itself is never stored: only `secretHash`. */
export interface KeyRecord {
  /** The lookup id (`<lookupId>` in `sy_<lookupId>_<secret>`). */
  id: string;
  name: string;
  /** sha256 hex of the secret part. */
  secretHash: string;
  /** Display form, e.g. `sy_ab12cd34ef56_…wxyz`. */
  keyHint: string;
  /** Model names or patterns the key may use; null means every model. */
  allowedModels: string[] | null;
  metadata: Record<string, string> | null;
  createdAt: number;
  /** Bumped on every change, so key caches in other processes can poll for changes. */
  updatedAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  /** The team the key belongs to; its team's limits and budgets apply too. */
  teamId: string | null;
  /** The plan (bundle of limits) the key is on; the key's own policy overrides it field by field. */
  planId: string | null;
  /** The key's own policy document (governance/policy.ts), or null. */
  policy: PolicyDocument | null;
  /** After a rotation: the id of the key that replaced this one (this one expires after the grace period). */
  replacedBy: string | null;
}

/** Reads and writes `virtual_keys`. Never used on the request hot path (see auth/key-cache). */
export interface KeysRepository {
  insert(record: KeyRecord): Promise<void>;
  findById(id: string): Promise<KeyRecord | undefined>;
  /** Every key, oldest first. */
  list(): Promise<KeyRecord[]>;
  /** Marks a key revoked at `at` (also its `updatedAt`); false when it is unknown or already revoked. */
  revoke(id: string, at: number): Promise<boolean>;
  /** Keys with `updatedAt >= ms`, oldest change first. */
  changedSince(ms: number): Promise<KeyRecord[]>;
  count(): Promise<number>;
}

type KeyRow = Selectable<VirtualKeysTable>;

/** Builds the keys repository over any Kysely database with the store schema. */
export function createKeysRepository(db: Kysely<DatabaseSchema>): KeysRepository {
  return {
    insert(record) {
      return runStoreOperation('insert key', async () => {
        await db.insertInto('virtual_keys').values(toRow(record)).execute();
      });
    },
    findById(id) {
      return runStoreOperation('find key', async () => {
        const row = await db.selectFrom('virtual_keys').selectAll().where('id', '=', id).executeTakeFirst();
        return row === undefined ? undefined : fromRow(row);
      });
    },
    list() {
      return runStoreOperation('list keys', async () => {
        const rows = await db
          .selectFrom('virtual_keys')
          .selectAll()
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        return rows.map(fromRow);
      });
    },
    revoke(id, at) {
      return runStoreOperation('revoke key', async () => {
        const result = await db
          .updateTable('virtual_keys')
          .set({ revoked_at: at, updated_at: at })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      });
    },
    changedSince(ms) {
      return runStoreOperation('list changed keys', async () => {
        const rows = await db
          .selectFrom('virtual_keys')
          .selectAll()
          .where('updated_at', '>=', ms)
          .orderBy('updated_at')
          .orderBy('id')
          .execute();
        return rows.map(fromRow);
      });
    },
    count() {
      return runStoreOperation('count keys', async () => {
        const row = await db
          .selectFrom('virtual_keys')
          .select((builder) => builder.fn.countAll().as('total'))
          .executeTakeFirstOrThrow();
        return Number(row.total);
      });
    },
  };
}

function toRow(record: KeyRecord): KeyRow {
  return {
    id: record.id,
    name: record.name,
    secret_hash: record.secretHash,
    key_hint: record.keyHint,
    allowed_models: toJsonColumn(record.allowedModels),
    metadata: toJsonColumn(record.metadata),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    expires_at: record.expiresAt,
    revoked_at: record.revokedAt,
    team_id: record.teamId,
    plan_id: record.planId,
    policy: toJsonColumn(record.policy),
    replaced_by: record.replacedBy,
  };
}

// Number() on integer columns: PostgreSQL drivers return bigint columns as strings by default.
function fromRow(row: KeyRow): KeyRecord {
  return {
    id: row.id,
    name: row.name,
    secretHash: row.secret_hash,
    keyHint: row.key_hint,
    allowedModels: parseStringArray(row.allowed_models, 'virtual_keys.allowed_models'),
    metadata: parseStringRecord(row.metadata, 'virtual_keys.metadata'),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    teamId: row.team_id,
    planId: row.plan_id,
    policy: parsePolicyColumn(row.policy, 'virtual_keys.policy'),
    replacedBy: row.replaced_by,
  };
}
