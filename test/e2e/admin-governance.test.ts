import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// The admin API driving the governor: policies set over HTTP apply to the next request, and the
// credits routes move the real ledger the request path spends from.

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});

afterAll(async () => {
  await gateway.stop();
});

async function chat(key: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'chat',
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 20,
      ...extra,
    }),
  });
  await response.arrayBuffer();
  return response;
}

interface Balance {
  available_micros: number;
  held_micros: number;
  spent_micros: number;
}

describe('admin API with governance', () => {
  it('a plan created over HTTP limits the key put on it at once', async () => {
    const plan = await gateway.admin('POST', '/admin/v1/plans', {
      id: 'trickle',
      name: 'Trickle',
      policy: { limits: { rpm: 1 } },
    });
    expect(plan.status).toBe(201);
    const key = await gateway.admin<{ key: string }>('POST', '/admin/v1/keys', {
      name: 'slow',
      plan_id: 'trickle',
    });
    const first = await chat(key.body.key);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('1');
    const second = await chat(key.body.key);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).not.toBeNull();
  });

  it('a team policy patched over HTTP applies to its keys at once', async () => {
    await gateway.admin('POST', '/admin/v1/teams', { id: 'frugal', name: 'Frugal' });
    const key = await gateway.admin<{ key: string }>('POST', '/admin/v1/keys', {
      name: 'member',
      team_id: 'frugal',
    });
    expect((await chat(key.body.key)).status).toBe(200);
    const patched = await gateway.admin('PATCH', '/admin/v1/teams/frugal', {
      policy: { budgets: [{ period: 'day', usd: 0 }] },
    });
    expect(patched.status).toBe(200);
    expect((await chat(key.body.key)).status).toBe(402);
  });

  it('credits topped up over HTTP are spent by requests, and balance and ledger show it', async () => {
    const key = await gateway.admin<{ key: string; id: string }>('POST', '/admin/v1/keys', {
      name: 'prepaid',
      policy: { require_credits: true },
    });
    const account = `/admin/v1/credits/${key.body.id}/carol`;
    expect((await chat(key.body.key, { user: 'carol' })).status).toBe(402);
    const topped = await gateway.admin<Balance>('POST', `${account}/topup`, { usd: 0.01, note: 'trial' });
    expect(topped.status).toBe(200);
    expect(topped.body.available_micros).toBe(10_000);
    expect((await chat(key.body.key, { user: 'carol' })).status).toBe(200);
    let balance: Balance | undefined;
    for (let tries = 0; tries < 100; tries++) {
      balance = (await gateway.admin<Balance>('GET', account)).body;
      if (balance.held_micros === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(balance?.spent_micros).toBeGreaterThan(0);
    expect((balance?.available_micros ?? 0) + (balance?.spent_micros ?? 0)).toBe(10_000);
    await gateway.gateway.app.governance.flushLedger();
    const ledger = await gateway.admin<{ data: Array<{ kind: string; note: string | null }> }>(
      'GET',
      `${account}/ledger`,
    );
    const kinds = ledger.body.data.map((row) => row.kind);
    expect(kinds).toContain('topup');
    expect(kinds).toContain('settle');
    const below = await gateway.admin('POST', `${account}/adjust`, { usd: -1 });
    expect(below.status).toBe(400);
  });
});
