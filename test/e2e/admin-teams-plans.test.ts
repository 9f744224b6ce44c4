import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

interface TeamJson {
  id: string;
  object: 'team';
  name: string;
  policy: Record<string, unknown> | null;
  metadata: Record<string, string> | null;
}
interface PlanJson {
  id: string;
  object: 'plan';
  name: string;
  policy: Record<string, unknown> | null;
}
interface ListJson<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});

afterAll(async () => {
  await gateway.stop();
});

describe('admin API: teams', () => {
  it('creates, reads, patches, lists and deletes a team', async () => {
    const created = await gateway.admin<TeamJson>('POST', '/admin/v1/teams', {
      id: 'search',
      name: 'Search',
      policy: { limits: { rpm: 100 }, budgets: [{ period: 'month', usd: 250 }] },
      metadata: { cost_centre: '42' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'search', object: 'team', name: 'Search' });
    expect(created.body.policy).toEqual({ limits: { rpm: 100 }, budgets: [{ period: 'month', usd: 250 }] });
    const generated = await gateway.admin<TeamJson>('POST', '/admin/v1/teams', { name: 'Unnamed' });
    expect(generated.body.id).toMatch(/^team_[0-9a-z]{12}$/);
    const taken = await gateway.admin('POST', '/admin/v1/teams', { id: 'search', name: 'again' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ type: 'conflict_error', param: 'id' });
    const patched = await gateway.admin<TeamJson>('PATCH', '/admin/v1/teams/search', {
      policy: null,
      name: 'Find',
    });
    expect(patched.body).toMatchObject({ name: 'Find', policy: null, metadata: { cost_centre: '42' } });
    const listed = await gateway.admin<ListJson<TeamJson>>('GET', '/admin/v1/teams?limit=1');
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.has_more).toBe(true);
    const rest = await gateway.admin<ListJson<TeamJson>>(
      `GET`,
      `/admin/v1/teams?cursor=${listed.body.next_cursor}`,
    );
    expect([...listed.body.data, ...rest.body.data].map((team) => team.id).sort()).toEqual(
      ['search', generated.body.id].sort(),
    );
    expect((await gateway.admin('DELETE', '/admin/v1/teams/search')).status).toBe(200);
    expect((await gateway.admin('GET', '/admin/v1/teams/search')).status).toBe(404);
    expect((await gateway.admin('PATCH', '/admin/v1/teams/search', { name: 'x' })).status).toBe(404);
    // A deleted team's id stays taken: old log rows still name it.
    expect((await gateway.admin('POST', '/admin/v1/teams', { id: 'search', name: 'new' })).status).toBe(409);
  });

  it('refuses to delete a team that still has keys, until they are revoked', async () => {
    await gateway.admin('POST', '/admin/v1/teams', { id: 'busy', name: 'Busy' });
    const key = await gateway.admin<{ id: string; team_id: string }>('POST', '/admin/v1/keys', {
      name: 'member',
      team_id: 'busy',
    });
    expect(key.body.team_id).toBe('busy');
    const refused = await gateway.admin('DELETE', '/admin/v1/teams/busy');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('1 key');
    await gateway.admin('DELETE', `/admin/v1/keys/${key.body.id}`);
    expect((await gateway.admin('DELETE', '/admin/v1/teams/busy')).status).toBe(200);
  });

  it('validates ids and policies', async () => {
    const id = await gateway.admin('POST', '/admin/v1/teams', { id: 'Not A Slug', name: 'x' });
    expect(id.status).toBe(400);
    expect(id.body.error.param).toBe('id');
    const budget = await gateway.admin('POST', '/admin/v1/teams', {
      name: 'x',
      policy: { budgets: [{ period: 'week', usd: 1 }] },
    });
    expect(budget.status).toBe(400);
    expect(budget.body.error.param).toBe('policy.budgets[0].period');
  });
});

describe('admin API: plans', () => {
  it('creates plans, puts a key on one, refuses deleting it while in use', async () => {
    const free = await gateway.admin<PlanJson>('POST', '/admin/v1/plans', {
      id: 'free',
      name: 'Free',
      policy: { limits: { rpm: 10, tpm: 10_000 }, budgets: [{ period: 'day', usd: 1 }] },
    });
    expect(free.status).toBe(201);
    expect((await gateway.admin('POST', '/admin/v1/plans', { id: 'growth', name: 'Growth' })).status).toBe(
      201,
    );
    expect((await gateway.admin('POST', '/admin/v1/plans', { id: 'free', name: 'again' })).status).toBe(409);
    expect((await gateway.admin('POST', '/admin/v1/plans', { name: 'no id' })).status).toBe(400);
    const key = await gateway.admin<{ id: string; plan_id: string }>('POST', '/admin/v1/keys', {
      name: 'on free',
      plan_id: 'free',
    });
    expect(key.body.plan_id).toBe('free');
    const inUse = await gateway.admin('DELETE', '/admin/v1/plans/free');
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.type).toBe('conflict_error');
    const moved = await gateway.admin<{ plan_id: string }>('PATCH', `/admin/v1/keys/${key.body.id}`, {
      plan_id: 'growth',
    });
    expect(moved.body.plan_id).toBe('growth');
    const renamed = await gateway.admin<PlanJson>('PATCH', '/admin/v1/plans/free', { name: 'Free tier' });
    expect(renamed.body).toMatchObject({ name: 'Free tier', policy: { limits: { rpm: 10, tpm: 10_000 } } });
    expect((await gateway.admin('DELETE', '/admin/v1/plans/free')).status).toBe(200);
    expect((await gateway.admin('GET', '/admin/v1/plans/free')).status).toBe(404);
    const onDeleted = await gateway.admin('PATCH', `/admin/v1/keys/${key.body.id}`, { plan_id: 'free' });
    expect(onDeleted.status).toBe(400);
    expect(onDeleted.body.error.param).toBe('plan_id');
    const listed = await gateway.admin<ListJson<PlanJson>>('GET', '/admin/v1/plans');
    expect(listed.body.data.map((plan) => plan.id)).toEqual(['growth']);
  });
});
