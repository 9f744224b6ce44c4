import type { Migration } from './migration.js';

/**
 * Governance: teams and plans (named bundles of limits and budgets), keys that belong to them, the
 * prepaid-credits ledger, and the attribution columns usage queries group by.
 *
 * Policies are JSON text (see governance/policy.ts) because their shape grows with features and is
 * only read into memory caches, never filtered on in SQL.
 */
export const governanceMigration: Migration = {
  version: 3,
  name: 'governance',
  async up(db) {
    await db.schema
      .createTable('teams')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('policy', 'text')
      .addColumn('metadata', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema.createIndex('teams_updated_at_index').on('teams').column('updated_at').execute();

    await db.schema
      .createTable('plans')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('policy', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema.createIndex('plans_updated_at_index').on('plans').column('updated_at').execute();

    await db.schema.alterTable('virtual_keys').addColumn('team_id', 'text').execute();
    await db.schema.alterTable('virtual_keys').addColumn('plan_id', 'text').execute();
    await db.schema.alterTable('virtual_keys').addColumn('policy', 'text').execute();
    /** Set on the old key by a rotation: the key that replaced it. */
    await db.schema.alterTable('virtual_keys').addColumn('replaced_by', 'text').execute();

    await db.schema.alterTable('request_log').addColumn('team_id', 'text').execute();
    await db.schema.alterTable('request_log').addColumn('feature', 'text').execute();
    await db.schema.alterTable('request_log').addColumn('baseline_cost_micros', 'bigint').execute();
    await db.schema
      .createIndex('request_log_team_id_created_at_index')
      .on('request_log')
      .columns(['team_id', 'created_at'])
      .execute();

    // Double-entry: every movement is a pair (or more) of rows sharing `entry_id` whose amounts sum
    // to zero; an account's balance is the sum of its rows.
    await db.schema
      .createTable('credit_ledger')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('entry_id', 'text', (column) => column.notNull())
      .addColumn('account', 'text', (column) => column.notNull())
      .addColumn('amount_micros', 'bigint', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('request_id', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('credit_ledger_account_index')
      .on('credit_ledger')
      .columns(['account', 'created_at'])
      .execute();
    await db.schema.createIndex('credit_ledger_entry_index').on('credit_ledger').column('entry_id').execute();
  },
};
