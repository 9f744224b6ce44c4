import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});

afterAll(async () => {
  await gateway.stop();
});

const messages = [{ role: 'user', content: 'hi' }];

async function post(key: string, body: Record<string, unknown>) {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', messages, max_tokens: 50, ...body }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Answer,
  };
}

/** The parts of an answer these tests read. */
interface Answer {
  usage?: { prompt_tokens: number; completion_tokens: number };
  switchyard?: { billing?: Record<string, string> };
  error?: Record<string, unknown>;
}

/** Spend recorded in the request log for a key, in micro-dollars (the numbers usage queries sum). */
async function loggedSpend(keyId: string): Promise<{ micros: number; successes: number }> {
  await gateway.flushLog();
  const rows = await gateway.gateway.app.store.requestLog.list({ limit: 10_000, keyId });
  return {
    micros: rows.reduce((sum, row) => sum + (row.costMicros ?? 0), 0),
    successes: rows.filter((row) => row.outcome === 'success').length,
  };
}

/** demo-fast: $0.10 / $0.40 per million; "hi" is ~9 prompt tokens → max cost with max_tokens 50 ≈ 21 µ$. */
const maxCostOfOneRequest = 25;

describe('budgets', () => {
  it('holds under 200 concurrent requests: spend exceeds the budget by at most one request', async () => {
    const budgetMicros = 1_000;
    const { key, id } = await gateway.createKey({
      policy: { budgets: [{ period: 'day', usd: budgetMicros / 1e6 }] },
    });
    const results = await Promise.all(Array.from({ length: 200 }, () => post(key, {})));
    const statuses = new Map<number, number>();
    for (const result of results) statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
    expect([...statuses.keys()].sort()).toEqual([200, 402]);
    const spend = await loggedSpend(id);
    expect(spend.successes).toBe(statuses.get(200));
    expect(spend.micros).toBeLessThanOrEqual(budgetMicros + maxCostOfOneRequest);
    // Reservations are released as requests settle, so the budget is used, not just reserved.
    expect(spend.micros).toBeGreaterThan(budgetMicros / 2);
    const refused = results.find((result) => result.status === 402);
    expect(refused?.body).toMatchObject({
      error: {
        type: 'insufficient_quota',
        code: 'budget_exceeded',
        message: expect.stringContaining('daily budget of $0.001000'),
      },
    });
  });

  it('applies an end-user budget to each user separately', async () => {
    const { key } = await gateway.createKey({
      policy: { end_user_budgets: [{ period: 'month', usd: 0.00004 }] },
    });
    // 40 µ$ per user: one request (≈11 µ$ spent, ≈21 reserved) fits, the next reservations run out.
    const alice: number[] = [];
    for (let index = 0; index < 5; index += 1) alice.push((await post(key, { user: 'alice' })).status);
    expect(alice.slice(0, 2)).toEqual([200, 200]);
    expect(alice).toContain(402);
    expect((await post(key, { user: 'bob' })).status).toBe(200);
  });

  it('releases the reservation when the provider fails, so failures cost nothing', async () => {
    const { key, id } = await gateway.createKey({ policy: { budgets: [{ period: 'total', usd: 0.00003 }] } });
    for (let index = 0; index < 5; index += 1) {
      expect((await post(key, { model: 'sim/demo-fast+500' })).status).toBeGreaterThanOrEqual(500);
    }
    expect((await post(key, {})).status).toBe(200);
    expect((await loggedSpend(id)).successes).toBe(1);
  });

  it('survives a restart: spend already logged counts against the budget', async () => {
    const { key, id } = await gateway.createKey({ policy: { budgets: [{ period: 'total', usd: 0.00003 }] } });
    expect((await post(key, {})).status).toBe(200);
    await gateway.flushLog();
    const { seedBudgetSpend } = await import('../../../src/governance/seed-spend.js');
    const { MemoryLimitStore } = await import('../../../src/governance/memory-limit-store.js');
    const fresh = new MemoryLimitStore();
    await seedBudgetSpend(gateway.gateway.app.store.requestLog, fresh, Date.now());
    const spent = (await loggedSpend(id)).micros;
    const check = {
      kind: 'budget' as const,
      key: `k:${id}:budget:total:all`,
      limitMicros: 30,
      amount: 30 - spent + 1,
      expiresAt: Number.MAX_SAFE_INTEGER,
    };
    expect((await fresh.acquire([check], Date.now())).granted).toBe(false);
    expect((await fresh.acquire([{ ...check, amount: 30 - spent }], Date.now())).granted).toBe(true);
  });
});

describe('cost and savings', () => {
  it('reports cost, baseline cost and savings in headers and, on request, in the body', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${gateway.key}`,
        'content-type': 'application/json',
        'x-switchyard-summary': 'true',
      },
      body: JSON.stringify({ model: 'chat', messages }),
    });
    const body = (await response.json()) as Answer;
    const cost = Number(response.headers.get('x-switchyard-cost-usd'));
    const baseline = Number(response.headers.get('x-switchyard-baseline-cost-usd'));
    expect(response.headers.get('x-switchyard-baseline-model')).toBe('openai/gpt-4o');
    // gpt-4o: $2.50 / $10 per million; demo-fast: $0.10 / $0.40.
    const usage = body.usage as NonNullable<Answer['usage']>;
    const expectedBaseline = Math.round(usage.prompt_tokens * 2.5 + usage.completion_tokens * 10) / 1e6;
    expect(baseline).toBeCloseTo(expectedBaseline, 6);
    expect(Number(response.headers.get('x-switchyard-savings-usd'))).toBeCloseTo(baseline - cost, 6);
    const costMicros = Math.round(cost * 1e6);
    const baselineMicros = Math.round(baseline * 1e6);
    const percent = (((baselineMicros - costMicros) * 100) / baselineMicros).toFixed(2);
    // ≈96%: demo-fast is 25× cheaper than gpt-4o, up to rounding of both costs to micro-dollars.
    expect(Number(percent)).toBeGreaterThan(95);
    expect(response.headers.get('x-switchyard-savings-percent')).toBe(percent);
    expect(body.switchyard?.billing).toEqual({
      cost_usd: response.headers.get('x-switchyard-cost-usd'),
      baseline_model: 'openai/gpt-4o',
      baseline_cost_usd: response.headers.get('x-switchyard-baseline-cost-usd'),
      savings_usd: response.headers.get('x-switchyard-savings-usd'),
      savings_percent: percent,
    });
    const plain = await gateway
      .client()
      .chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
    expect((plain as unknown as Record<string, unknown>).switchyard).toBeUndefined();
  });

  it('puts switchyard.billing on the final stream chunk', async () => {
    const stream = await gateway.client().chat.completions.create({
      model: 'chat',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let last: Answer | undefined;
    for await (const chunk of stream) last = chunk as unknown as Answer;
    expect(last?.usage).toBeDefined();
    expect(last?.switchyard?.billing).toMatchObject({
      baseline_model: 'openai/gpt-4o',
      savings_percent: expect.stringMatching(/^9[5-7]\.\d\d$/),
    });
  });

  it("uses the key's own baseline model", async () => {
    const { key } = await gateway.createKey({ policy: { baseline_model: 'demo-fast' } });
    const response = await post(key, {});
    expect(response.headers.get('x-switchyard-baseline-model')).toBe('simulator/demo-fast');
    expect(response.headers.get('x-switchyard-savings-usd')).toBe('0.000000');
  });
});
