import path from 'node:path';
import { sql } from 'kysely';
import { type CreditLedgerRepository, createCreditLedgerRepository } from './credit-ledger-repository.js';
import { openSqliteDatabase } from './database.js';
import { createKeysRepository, type KeysRepository } from './keys-repository.js';
import { type MigrationReport, migrate } from './migrate.js';
import { createPlansRepository, type PlansRepository } from './plans-repository.js';
import { createRequestLogRepository, type RequestLogRepository } from './request-log-repository.js';
import { createSqliteRequestLogAppender } from './sqlite-request-log-appender.js';
import { runStoreOperation } from './store-error.js';
import { createTeamsRepository, type TeamsRepository } from './teams-repository.js';
import { createUsageRepository, type UsageRepository } from './usage-repository.js';

/**
 * The persistence facade the rest of the gateway uses. Backend-neutral: the SQLite store below
 * and a later PostgreSQL store build the same repositories over their own Kysely dialect.
 */
export interface Store {
  keys: KeysRepository;
  requestLog: RequestLogRepository;
  teams: TeamsRepository;
  plans: PlansRepository;
  /** Aggregates over the request log for the admin API (never on the request path). */
  usage: UsageRepository;
  creditLedger: CreditLedgerRepository;
  /** Applies pending schema migrations (idempotent, safe across processes). */
  migrate(): Promise<MigrationReport>;
  /** True when the database answers `SELECT 1`; never throws (for health checks). */
  ping(): Promise<boolean>;
  /** Closes the connection; safe to call twice. Drain write-behind queues before calling it. */
  close(): Promise<void>;
}

/** Options for {@link openStore}. */
export interface OpenStoreOptions {
  /** Directory holding `switchyard.db` (created if missing). */
  dataDir: string;
  /** The SQLite file, when configuration names one (`store.path`); default `<dataDir>/switchyard.db`. */
  path?: string;
  /** Run pending migrations while opening. Default true, so every process sees the schema. */
  migrate?: boolean;
}

/** The SQLite file name inside `dataDir`. */
export const sqliteFileName = 'switchyard.db';

/** Opens the SQLite store at `<dataDir>/switchyard.db`, migrating it unless told not to. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const database = await runStoreOperation('open', async () =>
    openSqliteDatabase(options.path ?? path.join(options.dataDir, sqliteFileName)),
  );
  const { db } = database;
  const store: Store = {
    keys: createKeysRepository(db),
    requestLog: {
      ...createRequestLogRepository(db),
      appendMany: createSqliteRequestLogAppender(database.raw),
    },
    teams: createTeamsRepository(db),
    plans: createPlansRepository(db),
    usage: createUsageRepository(db),
    creditLedger: createCreditLedgerRepository(db),
    migrate: () => migrate(db),
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => database.close(),
  };
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return store;
}
