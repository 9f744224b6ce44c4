// Persistence: the Store facade, its SQLite backend, schema migrations, repositories for virtual
// keys and the request log, and the write-behind queue that keeps writes off the request path.
export { openSqliteDatabase, type SqliteDatabase } from './database.js';
export { createKeysRepository, type KeyRecord, type KeysRepository } from './keys-repository.js';
export { listAppliedMigrations, type MigrateOptions, type MigrationReport, migrate } from './migrate.js';
export { type Migration, migrations } from './migrations/index.js';
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
  createWriteBehindQueue,
  type WriteBehindOptions,
  type WriteBehindQueue,
  type WriteBehindStats,
} from './write-behind.js';
