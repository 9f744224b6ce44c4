import type { Kysely } from 'kysely';
import { GatewayError } from '../canon/errors.js';
import { migrations as defaultMigrations, type Migration } from './migrations/index.js';
import type { DatabaseSchema } from './schema.js';
import { runStoreOperation } from './store-error.js';

/** Options for {@link migrate}; both exist for tests. */
export interface MigrateOptions {
  migrations?: readonly Migration[];
  now?: () => number;
}

/** What one {@link migrate} call did. */
export interface MigrationReport {
  /** Versions this call applied (empty when the schema was already current). */
  applied: number[];
}

const lockRowId = 1;

/**
 * Applies pending migrations in version order, all inside one transaction, and records each in
 * `schema_migrations`. Idempotent, and safe when two processes race: the transaction's first
 * statement updates the single `schema_migrations_lock` row, which takes SQLite's write lock
 * (waiting out busy_timeout) or a PostgreSQL row lock, so the second migrator reads the applied
 * versions only after the first has committed, and finds nothing left to do.
 */
export async function migrate(
  db: Kysely<DatabaseSchema>,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const list = sortMigrations(options.migrations ?? defaultMigrations);
  const now = options.now ?? Date.now;
  return runStoreOperation('migrate', async () => {
    await ensureBookkeepingTables(db);
    return db.transaction().execute(async (transaction) => {
      await transaction
        .updateTable('schema_migrations_lock')
        .set({ locked_at: now() })
        .where('id', '=', lockRowId)
        .execute();
      const rows = await transaction.selectFrom('schema_migrations').select('version').execute();
      const done = new Set(rows.map((row) => Number(row.version)));
      const applied: number[] = [];
      for (const migration of list) {
        if (done.has(migration.version)) continue;
        await migration.up(transaction);
        await transaction
          .insertInto('schema_migrations')
          .values({ version: migration.version, name: migration.name, applied_at: now() })
          .execute();
        applied.push(migration.version);
      }
      return { applied };
    });
  });
}

/** Versions recorded as applied, ascending (for `migrate status` style reporting). */
export async function listAppliedMigrations(db: Kysely<DatabaseSchema>): Promise<number[]> {
  return runStoreOperation('list migrations', async () => {
    await ensureBookkeepingTables(db);
    const rows = await db.selectFrom('schema_migrations').select('version').orderBy('version').execute();
    return rows.map((row) => Number(row.version));
  });
}

/** Creates the two bookkeeping tables and the lock row; every statement is a no-op when they exist. */
async function ensureBookkeepingTables(db: Kysely<DatabaseSchema>): Promise<void> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('version', 'integer', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('applied_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('schema_migrations_lock')
    .ifNotExists()
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('locked_at', 'bigint', (column) => column.notNull())
    .execute();
  // Read first: an up-to-date database then needs no write lock at all (CREATE TABLE IF NOT
  // EXISTS on an existing table is read-only too), so starting a process never queues behind
  // another's write.
  const lock = await db
    .selectFrom('schema_migrations_lock')
    .select('id')
    .where('id', '=', lockRowId)
    .executeTakeFirst();
  if (lock !== undefined) return;
  await db
    .insertInto('schema_migrations_lock')
    .values({ id: lockRowId, locked_at: 0 })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}

function sortMigrations(list: readonly Migration[]): Migration[] {
  const sorted = [...list].sort((left, right) => left.version - right.version);
  for (let index = 1; index < sorted.length; index += 1) {
    if (sorted[index]?.version === sorted[index - 1]?.version) {
      throw new GatewayError('internal', `store: duplicate migration version ${sorted[index]?.version}`);
    }
  }
  return sorted;
}
