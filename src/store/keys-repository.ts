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
  /** A page ordered by id; `after` is the last id of the previous page. */
  page(query: KeyPageQuery): Promise<KeyRecord[]>;
  /**
   * Changes the given fields and bumps `updatedAt` (so key caches see it). Undefined for an
   * unknown or revoked key: a revoked key stays as it was revoked.
   */
  update(id: string, patch: KeyPatch, at: number): Promise<KeyRecord | undefined>;
  /**
   * In one transaction: inserts `replacement`, and makes the old key expire at `oldExpiresAt` (or
   * its own earlier expiry) with `replacedBy` set. Undefined (nothing written) when the old key is
   * unknown, revoked or already replaced (so two concurrent rotations cannot both succeed).
   */
  rotate(oldId: string, replacement: KeyRecord, oldExpiresAt: number): Promise<KeyRecord | undefined>;
  /** Keys not revoked that reference the team or plan (a plan in use cannot be deleted). */
  countUnrevoked(reference: { teamId: string } | { planId: string }): Promise<number>;
}

/** See {@link KeysRepository.page}. */
export interface KeyPageQuery {
  limit: number;
  after?: string;
  teamId?: string;
  planId?: string;
  includeRevoked?: boolean;
}

/** The fields an update may change; omitted fields stay, `null` clears. */
export interface KeyPatch {
  name?: string;
  allowedModels?: readonly string[] | null;
  expiresAt?: number | null;
  metadata?: Record<string, string> | null;
  teamId?: string | null;
  planId?: string | null;
  policy?: PolicyDocument | null;
}

type KeyRow = Selectable<VirtualKeysTable>;

/** Builds the keys repository over any Kysely database with the store schema. */
export function createKeysRepository(db: Kysely<DatabaseSchema>): KeysRepository {
  const findById = (id: string) =>
    runStoreOperation('find key', async () => {
      const row = await db.selectFrom('virtual_keys').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    });
  return {
    insert(record) {
      return runStoreOperation('insert key', async () => {
        await db.insertInto('virtual_keys').values(toRow(record)).execute();
      });
    },
    findById,
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
    page(query) {
      return runStoreOperation('list keys', async () => {
        let builder = db.selectFrom('virtual_keys').selectAll();
        if (query.after !== undefined) builder = builder.where('id', '>', query.after);
        if (query.teamId !== undefined) builder = builder.where('team_id', '=', query.teamId);
        if (query.planId !== undefined) builder = builder.where('plan_id', '=', query.planId);
        if (query.includeRevoked !== true) builder = builder.where('revoked_at', 'is', null);
        const rows = await builder.orderBy('id').limit(query.limit).execute();
        return rows.map(fromRow);
      });
    },
    async update(id, patch, at) {
      const changed = await runStoreOperation('update key', async () => {
        const result = await db
          .updateTable('virtual_keys')
          .set({ ...patchColumns(patch), updated_at: at })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      });
      return changed ? findById(id) : undefined;
    },
    rotate(oldId, replacement, oldExpiresAt) {
      return runStoreOperation('rotate key', () =>
        db.transaction().execute(async (transaction) => {
          const old = await transaction
            .selectFrom('virtual_keys')
            .selectAll()
            .where('id', '=', oldId)
            .where('revoked_at', 'is', null)
            .where('replaced_by', 'is', null)
            .executeTakeFirst();
          if (old === undefined) return undefined;
          await transaction.insertInto('virtual_keys').values(toRow(replacement)).execute();
          const ownExpiry = old.expires_at === null ? null : Number(old.expires_at);
          await transaction
            .updateTable('virtual_keys')
            .set({
              expires_at: ownExpiry === null ? oldExpiresAt : Math.min(ownExpiry, oldExpiresAt),
              replaced_by: replacement.id,
              updated_at: replacement.createdAt,
            })
            .where('id', '=', oldId)
            .execute();
          const updated = await transaction
            .selectFrom('virtual_keys')
            .selectAll()
            .where('id', '=', oldId)
            .executeTakeFirstOrThrow();
          return fromRow(updated);
        }),
      );
    },
    countUnrevoked(reference) {
      return runStoreOperation('count keys by reference', async () => {
        let builder = db
          .selectFrom('virtual_keys')
          .select((select) => select.fn.countAll().as('total'))
          .where('revoked_at', 'is', null);
        builder =
          'teamId' in reference
            ? builder.where('team_id', '=', reference.teamId)
            : builder.where('plan_id', '=', reference.planId);
        const row = await builder.executeTakeFirstOrThrow();
        return Number(row.total);
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

function patchColumns(patch: KeyPatch): Partial<KeyRow> {
  const columns: Partial<KeyRow> = {};
  if (patch.name !== undefined) columns.name = patch.name;
  if (patch.allowedModels !== undefined) columns.allowed_models = toJsonColumn(patch.allowedModels);
  if (patch.expiresAt !== undefined) columns.expires_at = patch.expiresAt;
  if (patch.metadata !== undefined) columns.metadata = toJsonColumn(patch.metadata);
  if (patch.teamId !== undefined) columns.team_id = patch.teamId;
  if (patch.planId !== undefined) columns.plan_id = patch.planId;
  if (patch.policy !== undefined) columns.policy = toJsonColumn(patch.policy);
  return columns;
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
