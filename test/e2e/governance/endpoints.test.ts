import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointsConfigYaml } from '../../support/endpoints-config.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ yaml: endpointsConfigYaml });
});

afterAll(async () => {
  await gateway.stop();
});

async function embed(key: string, user?: string) {
  const response = await fetch(`${gateway.url}/v1/embeddings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'embed',
      input: 'many words to embed '.repeat(500),
      ...(user ? { user } : {}),
    }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { error?: unknown },
  };
}

describe('governance on the non-chat endpoints', () => {
  it('applies request-rate limits with the same headers and 429', async () => {
    const { key } = await gateway.createKey({ policy: { limits: { rpm: 1 } } });
    const first = await embed(key);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    const refused = await embed(key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
  });

  it('charges budgets after the call and refuses once the budget is spent', async () => {
    const { key, id } = await gateway.createKey({
      policy: { budgets: [{ period: 'total', usd: 0.000001 }] },
    });
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) statuses.push((await embed(key)).status);
    expect(statuses[0]).toBe(200);
    expect(statuses).toContain(402);
    await gateway.flushLog();
    const rows = await gateway.gateway.app.store.requestLog.list({ limit: 100, keyId: id });
    const spent = rows.reduce((sum, row) => sum + (row.costMicros ?? 0), 0);
    expect(spent).toBeGreaterThan(0);
  });

  it("charges an end user's credits for what the call cost", async () => {
    const { key, id } = await gateway.createKey({ policy: { require_credits: true } });
    const credits = gateway.gateway.app.governance.credits;
    expect((await embed(key, 'ivy')).status).toBe(402);
    await credits.topUp({ tenant: id, endUser: 'ivy' }, 1_000, null);
    expect((await embed(key, 'ivy')).status).toBe(200);
    const balance = await credits.balance({ tenant: id, endUser: 'ivy' });
    expect(balance.spentMicros).toBeGreaterThan(0);
    expect(balance.availableMicros + balance.spentMicros).toBe(1_000);
  });
});
