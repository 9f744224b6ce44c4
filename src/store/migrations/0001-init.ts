import type { Migration } from './migration.js';

/**
 * The first schema: virtual keys and the request log.
 *
 * Times and money use `bigint` because PostgreSQL's `integer` is 32-bit (milliseconds since 1970
 * and large micro-dollar sums overflow it); SQLite gives `bigint` INTEGER affinity, so nothing
 * changes there. Booleans are 0/1 integers and JSON is text, for the same portability reason.
 */
export const initMigration: Migration = {
  version: 1,
  name: 'init',
  async up(db) {
    await db.schema
      .createTable('virtual_keys')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('secret_hash', 'text', (column) => column.notNull())
      .addColumn('key_hint', 'text', (column) => column.notNull())
      .addColumn('allowed_models', 'text')
      .addColumn('metadata', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('virtual_keys_updated_at_index')
      .on('virtual_keys')
      .column('updated_at')
      .execute();

    await db.schema
      .createTable('request_log')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('key_id', 'text')
      .addColumn('shape', 'text', (column) => column.notNull())
      .addColumn('requested_model', 'text')
      .addColumn('provider', 'text')
      .addColumn('served_model', 'text')
      .addColumn('status', 'integer', (column) => column.notNull())
      .addColumn('outcome', 'text', (column) => column.notNull())
      .addColumn('error_kind', 'text')
      .addColumn('error_message', 'text')
      .addColumn('stream', 'integer', (column) => column.notNull())
      .addColumn('latency_ms', 'integer', (column) => column.notNull())
      .addColumn('ttft_ms', 'integer')
      .addColumn('input_tokens', 'integer')
      .addColumn('output_tokens', 'integer')
      .addColumn('cached_tokens', 'integer')
      .addColumn('reasoning_tokens', 'integer')
      .addColumn('cost_micros', 'bigint')
      .addColumn('attempts', 'integer', (column) => column.notNull())
      .addColumn('fallback_used', 'integer', (column) => column.notNull())
      .addColumn('route_reason', 'text')
      .addColumn('attempts_json', 'text')
      .addColumn('end_user', 'text')
      .addColumn('metadata', 'text')
      .addColumn('usage_estimated', 'integer', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('request_log_created_at_index')
      .on('request_log')
      .column('created_at')
      .execute();
    await db.schema
      .createIndex('request_log_key_id_created_at_index')
      .on('request_log')
      .columns(['key_id', 'created_at'])
      .execute();
  },
};
