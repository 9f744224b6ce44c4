/**
 * Kysely table types shared by every store dialect.
 *
 * Portability rules (SQLite now, PostgreSQL later): times are integer milliseconds since the epoch,
 * money is integer micro-dollars, booleans are 0/1 integers and JSON is TEXT. These types describe
 * the columns exactly as stored; repositories convert them to camelCase domain records.
 */

/** `virtual_keys`: one row per gateway key; only the sha256 of the secret part is stored. */
export interface VirtualKeysTable {
  /** The key's lookup id (the `<lookupId>` of `sy_<lookupId>_<secret>`). */
  id: string;
  name: string;
  /** sha256 hex of the secret part. */
  secret_hash: string;
  /** Display form, e.g. `sy_ab12cd34ef56_…wxyz`. */
  key_hint: string;
  /** JSON array of model names / patterns; null means every model. */
  allowed_models: string | null;
  /** JSON object of string tags. */
  metadata: string | null;
  created_at: number;
  /** Bumped on every change; key caches poll on it. */
  updated_at: number;
  expires_at: number | null;
  revoked_at: number | null;
}

/** `request_log`: one row per gateway request, written in batches off the hot path. */
export interface RequestLogTable {
  id: string;
  created_at: number;
  key_id: string | null;
  shape: string;
  requested_model: string | null;
  provider: string | null;
  served_model: string | null;
  status: number;
  outcome: string;
  error_kind: string | null;
  error_message: string | null;
  stream: number;
  latency_ms: number;
  ttft_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_tokens: number | null;
  reasoning_tokens: number | null;
  /** Integer micro-dollars; null means the price was unknown (never 0 for unknown). */
  cost_micros: number | null;
  attempts: number;
  fallback_used: number;
  route_reason: string | null;
  attempts_json: string | null;
  end_user: string | null;
  metadata: string | null;
  usage_estimated: number;
  route_trace: string | null;
}

/** `schema_migrations`: one row per applied migration. */
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

/**
 * `schema_migrations_lock`: a single row that every migrator updates first inside its
 * transaction, so concurrent migrators (two processes) serialise on it portably.
 */
export interface SchemaMigrationsLockTable {
  id: number;
  locked_at: number;
}

/** Every table the store owns, as Kysely sees them. */
export interface DatabaseSchema {
  virtual_keys: VirtualKeysTable;
  request_log: RequestLogTable;
  schema_migrations: SchemaMigrationsTable;
  schema_migrations_lock: SchemaMigrationsLockTable;
}
