import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SqliteDatabase } from './database.js';
import { migrate } from './migrate.js';
import {
  createRequestLogRepository,
  type RequestLogRepository,
  type RequestLogRow,
} from './request-log-repository.js';
import type { DatabaseSchema } from './schema.js';

let directory: string;
let database: SqliteDatabase;
let log: RequestLogRepository;

/** Row `index` alternates between fully populated and mostly null, with zeros that must stay zeros. */
function row(index: number, overrides: Partial<RequestLogRow> = {}): RequestLogRow {
  const full = index % 2 === 0;
  return {
    id: `request-${String(index).padStart(5, '0')}`,
    createdAt: 1_700_000_000_000 + index,
    keyId: full ? `key${index % 3}` : null,
    shape: full ? 'openai-chat' : 'anthropic-messages',
    requestedModel: full ? 'fast' : null,
    provider: full ? 'openai' : null,
    servedModel: full ? 'gpt-4.1-mini' : null,
    status: full ? 200 : 502,
    outcome: full ? 'success' : 'error',
    errorKind: full ? null : 'all_targets_failed',
    errorMessage: full ? null : 'every target failed: "quoted" ünïcode',
    stream: full,
    latencyMs: index,
    routeTrace: full ? '{"form":"alias","candidates":[]}' : null,
    ttftMs: full ? 0 : null,
    inputTokens: full ? 0 : null,
    outputTokens: full ? index * 7 : null,
    cachedTokens: full ? 0 : null,
    reasoningTokens: full ? 3 : null,
    // 0 is a real price (free model); null means unknown. Both must survive.
    costMicros: index % 4 === 0 ? 0 : index % 4 === 2 ? 9_007_199_254_740 : null,
    attempts: full ? 1 : 3,
    fallbackUsed: !full,
    routeReason: full ? 'weighted' : null,
    attemptsJson: full ? '[{"provider":"openai"}]' : null,
    endUser: full ? 'user-42' : null,
    metadata: full ? { tenant: 'acme', trace: `t${index}` } : null,
    usageEstimated: index % 3 === 0,
    teamId: full ? 'team-a' : null,
    feature: full ? 'search' : null,
    baselineCostMicros: index % 4 === 0 ? 0 : index % 4 === 2 ? 12_345 : null,
    ...overrides,
  };
}

beforeEach(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-log-'));
  database = openSqliteDatabase(path.join(directory, 'log.db'));
  await migrate(database.db);
  log = createRequestLogRepository(database.db);
});

afterEach(async () => {
  await database.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('request log repository', () => {
  it('appends 1,200 rows in one call and reads back exact values, nulls and zeros distinct', async () => {
    const rows = Array.from({ length: 1200 }, (_, index) => row(index));
    await log.appendMany(rows);
    expect(await log.count()).toBe(1200);
    for (const index of [0, 1, 2, 3, 598, 1199]) {
      expect(await log.findById(rows[index]?.id ?? '')).toEqual(rows[index]);
    }
    const costs = database.raw
      .prepare('select cost_micros from request_log order by id limit 4')
      .pluck()
      .all();
    expect(costs).toEqual([0, null, 9_007_199_254_740, null]);
    const page = await log.list({ limit: 1200 });
    expect(page).toEqual([...rows].reverse());
  });

  it('chunks multi-row inserts under the parameter limit, in one transaction', async () => {
    const statements: string[] = [];
    const observed = new Kysely<DatabaseSchema>({
      dialect: new SqliteDialect({ database: database.raw }),
      log: (event) => {
        if (event.level === 'query') statements.push(event.query.sql.slice(0, 6).toLowerCase());
      },
    });
    const small = createRequestLogRepository(observed, { maxParametersPerStatement: 999 });
    await small.appendMany(Array.from({ length: 1200 }, (_, index) => row(index)));
    // 30 columns → 33 rows per statement (999 / 30) → 37 inserts for 1,200 rows.
    expect(statements.filter((statement) => statement === 'insert')).toHaveLength(37);
    expect(await log.count()).toBe(1200);
  });

  it('stays within SQLite’s real variable limit with the default chunk size', async () => {
    await log.appendMany(Array.from({ length: 2600 }, (_, index) => row(index)));
    expect(await log.count()).toBe(2600);
  });

  it('is atomic: one bad row rolls back the whole batch', async () => {
    const rows = Array.from({ length: 50 }, (_, index) => row(index));
    // NaN binds as NULL and violates NOT NULL on status.
    rows[49] = row(49, { status: Number.NaN });
    await expect(log.appendMany(rows)).rejects.toMatchObject({ kind: 'internal' });
    expect(await log.count()).toBe(0);
  });

  it('ignores rows already stored, so a retried batch does not fail or duplicate', async () => {
    const rows = Array.from({ length: 10 }, (_, index) => row(index));
    await log.appendMany(rows.slice(0, 6));
    await log.appendMany(rows);
    expect(await log.count()).toBe(10);
    await log.appendMany([]);
    expect(await log.count()).toBe(10);
  });

  it('lists newest first with limit, cursor, tie-break and key filter', async () => {
    const rows = [
      row(0, { id: 'a', createdAt: 100, keyId: 'k1' }),
      row(1, { id: 'b', createdAt: 200, keyId: 'k2' }),
      row(2, { id: 'c', createdAt: 200, keyId: 'k1' }),
      row(3, { id: 'd', createdAt: 300, keyId: 'k1' }),
    ];
    await log.appendMany(rows);
    const ids = (list: RequestLogRow[]) => list.map((entry) => entry.id);
    expect(ids(await log.list({ limit: 2 }))).toEqual(['d', 'c']);
    expect(ids(await log.list({ limit: 10, beforeCreatedAt: 300 }))).toEqual(['c', 'b', 'a']);
    expect(ids(await log.list({ limit: 10, beforeCreatedAt: 200, beforeId: 'c' }))).toEqual(['b', 'a']);
    expect(ids(await log.list({ limit: 10, keyId: 'k1' }))).toEqual(['d', 'c', 'a']);
    expect(ids(await log.list({ limit: 10, keyId: 'k1', beforeCreatedAt: 300 }))).toEqual(['c', 'a']);
    expect(await log.findById('nope')).toBeUndefined();
  });
});
