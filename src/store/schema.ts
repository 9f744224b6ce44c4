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
  team_id: string | null;
  plan_id: string | null;
  /** JSON GovernancePolicy: the key's own limits, budgets and baseline (override its plan's). */
  policy: string | null;
  /** Set by rotation on the old key: the id of the key that replaced it. */
  replaced_by: string | null;
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
  team_id: string | null;
  /** `metadata.feature`, copied to a column so usage can group by it portably. */
  feature: string | null;
  /** What the same usage would have cost on the baseline model (micro-dollars), null if unknown. */
  baseline_cost_micros: number | null;
}

/** `teams`: keys belong to teams; a team's policy limits all its keys together. */
export interface TeamsTable {
  id: string;
  name: string;
  /** JSON GovernancePolicy. */
  policy: string | null;
  metadata: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

/** `plans`: named bundles of limits and budgets (free, starter, growth, ...) assignable to keys. */
export interface PlansTable {
  id: string;
  name: string;
  /** JSON GovernancePolicy. */
  policy: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

/** `credit_ledger`: double-entry movements of prepaid end-user credits (rows of one entry sum to 0). */
export interface CreditLedgerTable {
  id: string;
  entry_id: string;
  account: string;
  /** Signed integer micro-dollars. */
  amount_micros: number;
  /** topup | hold | settle | release | refund | adjust */
  kind: string;
  request_id: string | null;
  note: string | null;
  created_at: number;
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
  teams: TeamsTable;
  plans: PlansTable;
  credit_ledger: CreditLedgerTable;
  schema_migrations: SchemaMigrationsTable;
  schema_migrations_lock: SchemaMigrationsLockTable;
}
