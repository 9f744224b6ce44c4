import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DatabaseSchema } from './schema.js';

/** An open SQLite database: the Kysely handle repositories use, the raw driver, and a closer. */
export interface SqliteDatabase {
  db: Kysely<DatabaseSchema>;
  raw: BetterSqlite3.Database;
  /** Closes the connection; safe to call twice. */
  close(): Promise<void>;
}

/** How long a connection waits on another process's write lock before failing with SQLITE_BUSY. */
const busyTimeoutMs = 5000;

/**
 * Opens (creating if needed) a SQLite file tuned for one gateway plus occasional other processes
 * (the CLI) on the same file: WAL lets readers and one writer work concurrently, busy_timeout
 * makes a writer wait for the lock instead of failing, and synchronous=NORMAL is durable enough
 * under WAL (a power cut may lose the last commits, never corrupt the file).
 */
export function openSqliteDatabase(filePath: string): SqliteDatabase {
  if (filePath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  const raw = new BetterSqlite3(filePath);
  // busy_timeout first, so switching the journal mode also waits for a busy file.
  raw.pragma(`busy_timeout = ${busyTimeoutMs}`);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: raw }) });
  let closed = false;
  return {
    db,
    raw,
    async close() {
      if (closed) return;
      closed = true;
      // Kysely closes the handle only if a query initialised its driver; close it ourselves too.
      await db.destroy();
      if (raw.open) raw.close();
    },
  };
}
