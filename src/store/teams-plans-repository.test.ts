import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SqliteDatabase } from './database.js';
import { migrate } from './migrate.js';
import { createPlansRepository, type PlansRepository } from './plans-repository.js';
import { createTeamsRepository, type TeamRecord, type TeamsRepository } from './teams-repository.js';

let directory: string;
let database: SqliteDatabase;
let teams: TeamsRepository;
let plans: PlansRepository;

function team(id: string, overrides: Partial<TeamRecord> = {}): TeamRecord {
  return {
    id,
    name: `team ${id}`,
    policy: null,
    metadata: null,
    createdAt: 1_000,
    updatedAt: 1_000,
    deletedAt: null,
    ...overrides,
  };
}

beforeEach(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-teams-'));
  database = openSqliteDatabase(path.join(directory, 'teams.db'));
  await migrate(database.db);
  teams = createTeamsRepository(database.db);
  plans = createPlansRepository(database.db);
});

afterEach(async () => {
  await database.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('teams repository', () => {
  it('round-trips policy and metadata, updates given fields and bumps updatedAt', async () => {
    const record = team('search', {
      policy: { limits: { rpm: 10 }, budgets: [{ period: 'month', usd: 12.5 }] },
      metadata: { owner: 'ana' },
    });
    expect(await teams.insert(record)).toBe(true);
    expect(await teams.findById('search')).toEqual(record);
    // A taken id is reported, not an error, and the stored team is untouched.
    expect(await teams.insert({ ...record, name: 'other' })).toBe(false);
    const racing = await Promise.all([teams.insert(team('race')), teams.insert(team('race'))]);
    expect(racing.sort()).toEqual([false, true]);
    const updated = await teams.update('search', { name: 'Search', policy: null }, 2_000);
    expect(updated).toEqual({ ...record, name: 'Search', policy: null, updatedAt: 2_000 });
    expect(await teams.update('missing', { name: 'x' }, 2_000)).toBeUndefined();
  });

  it('soft-deletes: hidden from lists and updates, kept for lookups and caches', async () => {
    await teams.insert(team('a'));
    await teams.insert(team('b'));
    expect(await teams.softDelete('a', 3_000)).toBe(true);
    expect(await teams.softDelete('a', 4_000)).toBe(false);
    expect((await teams.list({ limit: 10 })).map((row) => row.id)).toEqual(['b']);
    expect((await teams.list({ limit: 10, includeDeleted: true })).map((row) => row.id)).toEqual(['a', 'b']);
    expect(await teams.findById('a')).toMatchObject({ deletedAt: 3_000, updatedAt: 3_000 });
    expect(await teams.update('a', { name: 'x' }, 5_000)).toBeUndefined();
    expect((await teams.changedSince(3_000)).map((row) => row.id)).toEqual(['a']);
  });

  it('pages by id', async () => {
    for (const id of ['c', 'a', 'b', 'd']) await teams.insert(team(id));
    expect((await teams.list({ limit: 2 })).map((row) => row.id)).toEqual(['a', 'b']);
    expect((await teams.list({ limit: 2, after: 'b' })).map((row) => row.id)).toEqual(['c', 'd']);
  });

  it('fails loudly on a stored policy that no longer matches the schema', async () => {
    await teams.insert(team('broken'));
    database.raw.prepare(`update teams set policy = '{"limits":{"rpm":-1}}'`).run();
    await expect(teams.findById('broken')).rejects.toMatchObject({ kind: 'internal' });
  });
});

describe('plans repository', () => {
  it('creates, updates, lists, soft-deletes and reports changes', async () => {
    await plans.insert({
      id: 'free',
      name: 'Free',
      policy: { limits: { rpm: 5 } },
      createdAt: 1_000,
      updatedAt: 1_000,
      deletedAt: null,
    });
    await plans.insert({
      id: 'growth',
      name: 'Growth',
      policy: null,
      createdAt: 1_000,
      updatedAt: 1_000,
      deletedAt: null,
    });
    expect((await plans.update('free', { policy: { limits: { rpm: 50 } } }, 2_000))?.policy).toEqual({
      limits: { rpm: 50 },
    });
    expect((await plans.changedSince(2_000)).map((row) => row.id)).toEqual(['free']);
    expect(await plans.softDelete('free', 3_000)).toBe(true);
    expect((await plans.list({ limit: 10 })).map((row) => row.id)).toEqual(['growth']);
    expect((await plans.findById('free'))?.deletedAt).toBe(3_000);
  });
});
