import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SqliteDatabase } from './database.js';
import { listAppliedMigrations, migrate } from './migrate.js';
import { type Migration, migrations as shippedMigrations } from './migrations/index.js';

/** Every shipped version, so adding a migration does not mean editing these tests. */
const shipped = shippedMigrations.map((migration) => migration.version);
const next = Math.max(...shipped) + 1;

const run = promisify(execFile);
const childSource = fileURLToPath(new URL('./__fixtures__/migrate-in-child.ts', import.meta.url));
let bundleDirectory: string;
let childScript: string;

// Bundle the child once: plain `node bundle.mjs` starts several times faster than `--import tsx`
// compiling TypeScript in every child, which keeps this file fast on a loaded machine.
beforeAll(async () => {
  bundleDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-migrate-child-'));
  childScript = path.join(bundleDirectory, 'migrate-in-child.mjs');
  const nativeModule = createRequire(import.meta.url).resolve('better-sqlite3');
  await build({
    entryPoints: [childSource],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
    plugins: [
      {
        name: 'native-driver-by-absolute-path',
        setup(builder) {
          builder.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: nativeModule, external: true }));
        },
      },
    ],
  });
});

afterAll(() => {
  fs.rmSync(bundleDirectory, { recursive: true, force: true });
});

let directory: string;
const opened: SqliteDatabase[] = [];

function open(): SqliteDatabase {
  const database = openSqliteDatabase(path.join(directory, 'nested', 'test.db'));
  opened.push(database);
  return database;
}

async function tableNames(database: SqliteDatabase): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables.map((table) => table.name).sort();
}

beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-migrate-'));
});

afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

/** Starts three child processes that migrate `file` at the same instant; returns what each applied. */
async function raceChildren(file: string, holdMs: number): Promise<number[][]> {
  const startAt = Date.now() + 400;
  const children = Array.from({ length: 3 }, () =>
    run(process.execPath, [childScript, file, String(startAt), String(holdMs)]),
  );
  const outputs = await Promise.all(children);
  return outputs.map(({ stdout }) => {
    const report: { applied: number[] } = JSON.parse(stdout);
    return report.applied;
  });
}

describe('migrate', () => {
  it('creates every table and index, then does nothing on a second run', async () => {
    const database = open();
    expect(await migrate(database.db, { now: () => 1234 })).toEqual({ applied: shipped });
    expect(await migrate(database.db)).toEqual({ applied: [] });
    expect(await tableNames(database)).toEqual([
      'credit_ledger',
      'plans',
      'request_log',
      'schema_migrations',
      'schema_migrations_lock',
      'teams',
      'virtual_keys',
    ]);
    const indexes = database.raw
      .prepare("select name from sqlite_master where type = 'index' and name like '%_index' order by name")
      .pluck()
      .all();
    expect(indexes).toEqual([
      'credit_ledger_account_index',
      'credit_ledger_entry_index',
      'plans_updated_at_index',
      'request_log_created_at_index',
      'request_log_key_id_created_at_index',
      'request_log_team_id_created_at_index',
      'teams_updated_at_index',
      'virtual_keys_updated_at_index',
    ]);
    const rows = database.raw.prepare('select version, name, applied_at from schema_migrations').all();
    expect(rows).toEqual([
      { version: 1, name: 'init', applied_at: 1234 },
      { version: 2, name: 'route-trace', applied_at: 1234 },
      { version: 3, name: 'governance', applied_at: 1234 },
    ]);
    expect(await listAppliedMigrations(database.db)).toEqual(shipped);
  });

  it('lets a second connection see the migrations as applied', async () => {
    const first = open();
    const second = open();
    expect((await migrate(first.db)).applied).toEqual(shipped);
    expect((await migrate(second.db)).applied).toEqual([]);
  });

  it('applies only the pending ones, in version order, whatever the list order', async () => {
    const database = open();
    await migrate(database.db);
    const order: number[] = [];
    const extra = (version: number): Migration => ({
      version,
      name: `extra-${version}`,
      async up(db) {
        order.push(version);
        await db.schema.createTable(`extra_${version}`).addColumn('id', 'integer').execute();
      },
    });
    const { migrations } = await import('./migrations/index.js');
    const report = await migrate(database.db, { migrations: [extra(next + 1), ...migrations, extra(next)] });
    expect(report.applied).toEqual([next, next + 1]);
    expect(order).toEqual([next, next + 1]);
  });

  it('rolls back everything when a migration fails', async () => {
    const database = open();
    const failing: Migration = {
      version: 1,
      name: 'half-done',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        throw new Error('boom');
      },
    };
    await expect(migrate(database.db, { migrations: [failing] })).rejects.toMatchObject({
      kind: 'internal',
      message: expect.stringContaining('boom'),
    });
    expect(await tableNames(database)).not.toContain('half_done');
    expect(await listAppliedMigrations(database.db)).toEqual([]);
  });

  it('serialises processes that race on the lock (the losers wait, then find nothing to do)', async () => {
    const file = path.join(directory, 'race.db');
    // Bookkeeping tables exist already, so every child reaches its transaction at the same moment;
    // without the lock row update the losers fail with SQLITE_BUSY_SNAPSHOT.
    const setup = openSqliteDatabase(file);
    await migrate(setup.db, { migrations: [] });
    await setup.close();
    const applied = await raceChildren(file, 250);
    expect(applied.filter((versions) => versions.length > 0)).toEqual([[...shipped, next]]);
    expect(applied.filter((versions) => versions.length === 0)).toHaveLength(2);
    const database = openSqliteDatabase(file);
    opened.push(database);
    expect(await listAppliedMigrations(database.db)).toEqual([...shipped, next]);
  });

  it('is safe when several processes migrate a brand-new file at once', async () => {
    const file = path.join(directory, 'fresh.db');
    const applied = await raceChildren(file, 0);
    expect(applied.filter((versions) => versions.length > 0)).toEqual([shipped]);
    const database = openSqliteDatabase(file);
    opened.push(database);
    expect(await listAppliedMigrations(database.db)).toEqual(shipped);
  });
});
