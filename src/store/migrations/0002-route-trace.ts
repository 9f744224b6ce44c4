import type { Migration } from './migration.js';

/** The router's decision trace (form, classifier features and class, candidates kept or skipped and why) per request. */
export const routeTraceMigration: Migration = {
  version: 2,
  name: 'route-trace',
  async up(db) {
    await db.schema.alterTable('request_log').addColumn('route_trace', 'text').execute();
  },
};
