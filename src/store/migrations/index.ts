// Store schema migrations: one file per version, applied in order by ../migrate.ts.
// Each uses only the Kysely schema builder so SQLite and PostgreSQL share the same files.
import { initMigration } from './0001-init.js';
import { routeTraceMigration } from './0002-route-trace.js';
import { governanceMigration } from './0003-governance.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, in order. Add new files here; never edit one that has shipped. */
export const migrations: readonly Migration[] = [initMigration, routeTraceMigration, governanceMigration];
