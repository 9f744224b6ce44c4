import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../schema.js';

/**
 * One schema change. `up` receives the migrator's transaction and must use only the Kysely
 * schema/query builders (no dialect-specific SQL), so the same file runs on SQLite and PostgreSQL.
 */
export interface Migration {
  /** Strictly increasing; recorded in `schema_migrations.version`. */
  version: number;
  name: string;
  up(db: Kysely<DatabaseSchema>): Promise<void>;
}
