// Persistence: the Store facade, its SQLite backend, schema migrations, repositories for virtual
// keys and the request log, and the write-behind queue that keeps writes off the request path.
export { openSqliteDatabase, type SqliteDatabase } from './database.js';
export {
  createKeysRepository,
  type KeyPageQuery,
  type KeyPatch,
  type KeyRecord,
  type KeysRepository,
} from './keys-repository.js';
export { listAppliedMigrations, type MigrateOptions, type MigrationReport, migrate } from './migrate.js';
export { type Migration, migrations } from './migrations/index.js';
export {
  createPlansRepository,
  type PlanPatch,
  type PlanRecord,
  type PlansRepository,
} from './plans-repository.js';
export {
  createRequestLogRepository,
  type RequestLogQuery,
  type RequestLogRepository,
  type RequestLogRepositoryOptions,
  type RequestLogRow,
  type RequestOutcome,
} from './request-log-repository.js';
export type { DatabaseSchema, RequestLogTable, SchemaMigrationsTable, VirtualKeysTable } from './schema.js';
export { type OpenStoreOptions, openStore, type Store, sqliteFileName } from './store.js';
export {
  createTeamsRepository,
  type IdPage,
  type TeamPatch,
  type TeamRecord,
  type TeamsRepository,
} from './teams-repository.js';
export {
  createUsageRepository,
  dayMs,
  type UsageDimension,
  type UsageFilter,
  type UsageGroup,
  type UsageQuery,
  type UsageRepository,
  type UsageTotals,
  usageDimensions,
} from './usage-repository.js';
export {
  createWriteBehindQueue,
  type WriteBehindOptions,
  type WriteBehindQueue,
  type WriteBehindStats,
} from './write-behind.js';
