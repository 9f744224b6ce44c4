import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogRow } from '../../src/store/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

interface Totals {
  requests: number;
  cost_micros: number;
  cost_usd: string;
  unpriced_requests: number;
  error_requests: number;
  input_tokens: number;
  output_tokens: number;
  baseline_cost_micros: number;
  savings_micros: number;
}
interface UsageJson {
  object: 'usage';
  group_by: string[];
  data: Array<Totals & { group: Record<string, string | null> }>;
  total: Totals;
  has_more: boolean;
  next_cursor: string | null;
}

const yaml = `
logging: { level: silent }
providers:
  sim: { type: simulator }
models:
  chat:
    targets: [ { provider: sim, model: demo-fast } ]
  smart:
    targets: [ { provider: sim, model: demo-smart } ]
  mystery:
    targets: [ { provider: sim, model: mystery-model } ]
`;

let gateway: TestGateway;
let rows: RequestLogRow[];
const keyIds: string[] = [];

beforeAll(async () => {
  gateway = await startTestGateway({ yaml });
  for (const team of ['alpha', 'beta']) {
    expect((await gateway.admin('POST', '/admin/v1/teams', { id: team, name: team })).status).toBe(201);
  }
  const keys: string[] = [];
  for (const team of ['alpha', 'alpha', 'beta', null]) {
    const created = await gateway.admin<{ id: string; key: string }>('POST', '/admin/v1/keys', {
      name: `usage ${team}`,
      team_id: team,
    });
    keys.push(created.body.key);
    keyIds.push(created.body.id);
  }
  const models = ['chat', 'smart', 'mystery'];
  const users = ['u1', 'u2', undefined];
  const features = ['search', 'summarise', undefined];
  const sends: Promise<unknown>[] = [];
  for (let index = 0; index < 24; index++) {
    const client = gateway.client({ key: keys[index % keys.length] });
    const user = users[index % users.length];
    const feature = features[Math.floor(index / 3) % features.length];
    sends.push(
      client.chat.completions.create({
        model: models[index % models.length] as string,
        messages: [{ role: 'user', content: `question number ${index} ${'word '.repeat(index)}` }],
        max_tokens: 5 + index,
        ...(user === undefined ? {} : { user }),
        ...(feature === undefined ? {} : { metadata: { feature } }),
      }),
    );
  }
  // A refused request (unknown model) is logged with no usage and no cost.
  sends.push(
    gateway
      .client({ key: keys[0] })
      .chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })
      .catch(() => undefined),
  );
  await Promise.all(sends);
  await gateway.flushLog();
  rows = await gateway.gateway.app.store.requestLog.list({ limit: 10_000 });
});

afterAll(async () => {
  await gateway.stop();
});

const dayMs = 86_400_000;

/** The groups computed directly from log rows, the way the API should have. */
function expectedGroups(dimensions: string[], filter: (row: RequestLogRow) => boolean = () => true) {
  const groups = new Map<string, Totals & { group: Record<string, string | null> }>();
  for (const row of rows.filter(filter)) {
    const group: Record<string, string | null> = {};
    for (const dimension of dimensions) group[dimension] = dimensionValue(row, dimension);
    const id = JSON.stringify(group);
    const entry = groups.get(id) ?? {
      group,
      requests: 0,
      cost_micros: 0,
      cost_usd: '',
      unpriced_requests: 0,
      error_requests: 0,
      input_tokens: 0,
      output_tokens: 0,
      baseline_cost_micros: 0,
      savings_micros: 0,
    };
    entry.requests += 1;
    entry.cost_micros += row.costMicros ?? 0;
    if (row.costMicros === null && (row.inputTokens !== null || row.outputTokens !== null)) {
      entry.unpriced_requests += 1;
    }
    if (row.status >= 400) entry.error_requests += 1;
    entry.input_tokens += row.inputTokens ?? 0;
    entry.output_tokens += row.outputTokens ?? 0;
    if (row.costMicros !== null && row.baselineCostMicros !== null) {
      entry.baseline_cost_micros += row.baselineCostMicros;
      entry.savings_micros += row.baselineCostMicros - row.costMicros;
    }
    groups.set(id, entry);
  }
  return [...groups.values()]
    .map((entry) => ({ ...entry, cost_usd: (entry.cost_micros / 1_000_000).toFixed(6) }))
    .sort(byGroup);
}

function dimensionValue(row: RequestLogRow, dimension: string): string | null {
  switch (dimension) {
    case 'key':
      return row.keyId;
    case 'team':
      return row.teamId;
    case 'end_user':
      return row.endUser;
    case 'model':
      return row.servedModel;
    case 'provider':
      return row.provider;
    case 'feature':
      return row.feature;
    case 'day':
      return new Date(Math.floor(row.createdAt / dayMs) * dayMs).toISOString().slice(0, 10);
    default:
      throw new Error(dimension);
  }
}

function byGroup(a: { group: object }, b: { group: object }): number {
  return JSON.stringify(a.group).localeCompare(JSON.stringify(b.group));
}

/** Every page of a usage query, following next_cursor. */
async function allPages(query: string, limit: number): Promise<UsageJson['data']> {
  const data: UsageJson['data'] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const suffix: string = cursor === null ? '' : `&cursor=${cursor}`;
    const response: { status: number; body: UsageJson } = await gateway.admin<UsageJson>(
      'GET',
      `/admin/v1/usage?${query}&limit=${limit}${suffix}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.data.length).toBeLessThanOrEqual(limit);
    data.push(...response.body.data);
    cursor = response.body.next_cursor;
    if (cursor === null) return data;
  }
  throw new Error('too many pages');
}

describe('admin API: usage', () => {
  it('logged the mix: priced, unpriced and refused requests with team, user and feature', () => {
    expect(rows.length).toBe(25);
    expect(rows.some((row) => row.costMicros === null && row.inputTokens !== null)).toBe(true);
    expect(rows.some((row) => row.status >= 400)).toBe(true);
    expect(new Set(rows.map((row) => row.teamId))).toEqual(new Set(['alpha', 'beta', null]));
    expect(new Set(rows.map((row) => row.feature))).toEqual(new Set(['search', 'summarise', null]));
  });

  it('totals match the log rows exactly, unknown costs counted apart', async () => {
    const response = await gateway.admin<UsageJson>('GET', '/admin/v1/usage');
    expect(response.status).toBe(200);
    const [expected] = expectedGroups([]);
    expect(response.body.data).toEqual([expected]);
    const { group: _group, ...totals } = expected as Totals & { group: object };
    expect(response.body.total).toEqual(totals);
    expect(totals.unpriced_requests).toBe(8);
    expect(totals.cost_micros).toBeGreaterThan(0);
    expect(Number.isInteger(totals.cost_micros)).toBe(true);
    expect(totals.error_requests).toBe(1);
  });

  for (const groupBy of [
    ['key'],
    ['team', 'day'],
    ['end_user', 'feature'],
    ['model', 'provider'],
    ['team', 'end_user', 'feature', 'model'],
  ]) {
    it(`groups by ${groupBy.join(',')}: every group once across pages, sums exact`, async () => {
      const data = await allPages(`group_by=${groupBy.join(',')}`, 2);
      const ids = data.map((entry) => JSON.stringify(entry.group));
      expect(new Set(ids).size).toBe(ids.length);
      expect([...data].sort(byGroup)).toEqual(expectedGroups(groupBy));
    });
  }

  it('filters by team, key, end user, model and time range', async () => {
    const team = await allPages('group_by=key&team_id=alpha', 10);
    expect(team.sort(byGroup)).toEqual(expectedGroups(['key'], (row) => row.teamId === 'alpha'));
    const key = await allPages(`group_by=feature&key_id=${keyIds[2]}&end_user=u1`, 10);
    expect(key.sort(byGroup)).toEqual(
      expectedGroups(['feature'], (row) => row.keyId === keyIds[2] && row.endUser === 'u1'),
    );
    const model = await allPages('group_by=team&model=demo-smart', 10);
    expect(model.sort(byGroup)).toEqual(expectedGroups(['team'], (row) => row.servedModel === 'demo-smart'));
    const times = rows.map((row) => row.createdAt).sort((a, b) => a - b);
    const middle = times[Math.floor(times.length / 2)] as number;
    const ranged = await allPages(
      `group_by=model&from=${middle}&to=${new Date(Date.now() + 60_000).toISOString()}`,
      10,
    );
    expect(ranged.sort(byGroup)).toEqual(expectedGroups(['model'], (row) => row.createdAt >= middle));
    const empty = await gateway.admin<UsageJson>('GET', `/admin/v1/usage?to=${times[0]}`);
    expect(empty.body.total.requests).toBe(0);
    expect(empty.body.total.cost_micros).toBe(0);
  });

  it('refuses unknown dimensions, bad times and a cursor from another query', async () => {
    const dimension = await gateway.admin('GET', '/admin/v1/usage?group_by=colour');
    expect(dimension.status).toBe(400);
    expect(dimension.body.error.param).toBe('group_by');
    const time = await gateway.admin('GET', '/admin/v1/usage?from=yesterday');
    expect(time.status).toBe(400);
    expect(time.body.error.param).toBe('from');
    const first = await gateway.admin<UsageJson>('GET', '/admin/v1/usage?group_by=key&limit=1');
    const cursor = first.body.next_cursor;
    expect(cursor).not.toBeNull();
    const other = await gateway.admin('GET', `/admin/v1/usage?group_by=team&limit=1&cursor=${cursor}`);
    expect(other.status).toBe(400);
    expect(other.body.error.param).toBe('cursor');
  });
});
