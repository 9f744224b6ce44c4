import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SqliteDatabase } from './database.js';
import { migrate } from './migrate.js';
import { createRequestLogRepository, type RequestLogRow } from './request-log-repository.js';
import { createUsageRepository, dayMs, type UsageRepository } from './usage-repository.js';

let directory: string;
let database: SqliteDatabase;
let usage: UsageRepository;

const day0 = 20_000 * dayMs;

function row(id: string, overrides: Partial<RequestLogRow> = {}): RequestLogRow {
  return {
    id,
    createdAt: day0 + 1_000,
    keyId: 'k1',
    shape: 'openai-chat',
    requestedModel: 'chat',
    provider: 'sim',
    servedModel: 'demo-fast',
    status: 200,
    outcome: 'success',
    errorKind: null,
    errorMessage: null,
    stream: false,
    latencyMs: 5,
    ttftMs: null,
    inputTokens: 10,
    outputTokens: 20,
    cachedTokens: null,
    reasoningTokens: null,
    costMicros: 100,
    attempts: 1,
    fallbackUsed: false,
    routeReason: null,
    attemptsJson: null,
    endUser: null,
    metadata: null,
    usageEstimated: false,
    routeTrace: null,
    teamId: 't1',
    feature: null,
    baselineCostMicros: null,
    ...overrides,
  };
}

beforeEach(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-usage-'));
  database = openSqliteDatabase(path.join(directory, 'usage.db'));
  await migrate(database.db);
  usage = createUsageRepository(database.db);
  await createRequestLogRepository(database.db).appendMany([
    row('r1', { baselineCostMicros: 1_000 }),
    row('r2', { costMicros: 2_000_000_000_001, endUser: 'u1', feature: 'search' }),
    // Priced at an unknown rate: counted apart, not as zero cost.
    row('r3', { costMicros: null, servedModel: 'mystery', endUser: 'u1', baselineCostMicros: 50 }),
    // Refused before any provider: no usage, no cost, an error.
    row('r4', {
      status: 401,
      outcome: 'error',
      inputTokens: null,
      outputTokens: null,
      costMicros: null,
      teamId: null,
      keyId: null,
    }),
    row('r5', { createdAt: day0 + dayMs - 1, teamId: 't2', keyId: 'k2', costMicros: 7 }),
    row('r6', { createdAt: day0 + dayMs, teamId: 't2', keyId: 'k2', costMicros: 9, inputTokens: 1 }),
  ]);
});

afterEach(async () => {
  await database.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('usage repository', () => {
  it('totals exact integer sums, unknown costs and errors counted apart', async () => {
    expect(await usage.totals({})).toEqual({
      requests: 6,
      costMicros: 100 + 2_000_000_000_001 + 7 + 9,
      unpricedRequests: 1,
      errorRequests: 1,
      inputTokens: 10 * 4 + 1,
      outputTokens: 20 * 5,
      // Only r1 is priced on both sides (r3 has a baseline but no cost).
      baselineCostMicros: 1_000,
      savingsMicros: 900,
    });
  });

  it('groups by UTC day with [from, to) bounds on created_at', async () => {
    const { groups } = await usage.groups({ groupBy: ['day'], limit: 10, offset: 0 });
    expect(groups.map((group) => [group.group.day, group.requests])).toEqual([
      [20_000, 5],
      [20_001, 1],
    ]);
    const bounded = await usage.totals({ from: day0 + 1_000, to: day0 + dayMs - 1 });
    expect(bounded.requests).toBe(4);
  });

  it('groups by several dimensions with nulls as their own group, in a stable order', async () => {
    const { groups } = await usage.groups({ groupBy: ['team', 'end_user'], limit: 10, offset: 0 });
    expect(groups.map((group) => group.group)).toEqual([
      { team: null, end_user: null },
      { team: 't1', end_user: null },
      { team: 't1', end_user: 'u1' },
      { team: 't2', end_user: null },
    ]);
    expect(groups[2]).toMatchObject({ requests: 2, costMicros: 2_000_000_000_001, unpricedRequests: 1 });
  });

  it('pages with limit and offset, each group once, and says whether more follow', async () => {
    const seen: unknown[] = [];
    for (let offset = 0; ; offset += 2) {
      const page = await usage.groups({ groupBy: ['key', 'model'], limit: 2, offset });
      seen.push(...page.groups.map((group) => group.group));
      if (!page.hasMore) break;
    }
    const all = await usage.groups({ groupBy: ['key', 'model'], limit: 100, offset: 0 });
    expect(seen).toEqual(all.groups.map((group) => group.group));
    expect(seen).toHaveLength(4);
  });

  it('filters by key, team, end user, model, provider and feature', async () => {
    expect((await usage.totals({ keyId: 'k2' })).requests).toBe(2);
    expect((await usage.totals({ teamId: 't1', endUser: 'u1' })).requests).toBe(2);
    expect((await usage.totals({ model: 'mystery' })).unpricedRequests).toBe(1);
    expect((await usage.totals({ provider: 'other' })).requests).toBe(0);
    expect((await usage.totals({ feature: 'search' })).costMicros).toBe(2_000_000_000_001);
  });
});
