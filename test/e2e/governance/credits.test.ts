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

async function post(key: string, body: Record<string, unknown>, signal?: AbortSignal) {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'chat', messages, max_tokens: 50, ...body }),
    ...(signal ? { signal } : {}),
  });
  return { status: response.status, body: (await response.json()) as { error?: Record<string, unknown> } };
}

const credits = () => gateway.gateway.app.governance.credits;

async function settled(tenant: string, endUser: string) {
  // Holds are released when the request settles, just after the answer was sent.
  for (let tries = 0; tries < 100; tries += 1) {
    const balance = await credits().balance({ tenant, endUser });
    if (balance.heldMicros === 0) return balance;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('holds were never released');
}

async function ledgerKinds(tenant: string, endUser: string): Promise<string[]> {
  await gateway.gateway.app.governance.flushLedger();
  const rows = await credits().ledger({ tenant, endUser }, { limit: 1000 });
  return rows.map((row) => row.kind);
}

describe('prepaid end-user credits', () => {
  it('requires the end user and a balance', async () => {
    const { key, id } = await gateway.createKey({ policy: { require_credits: true } });
    const anonymous = await post(key, {});
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.error).toMatchObject({ param: 'user' });
    const broke = await post(key, { user: 'dora' });
    expect(broke.status).toBe(402);
    expect(broke.body.error).toMatchObject({
      code: 'insufficient_credits',
      message: expect.stringContaining("end user 'dora'"),
    });
    await credits().topUp({ tenant: id, endUser: 'dora' }, 100, 'welcome credit');
    expect((await post(key, { user: 'dora' })).status).toBe(200);
  });

  it('never overdraws under 200 concurrent requests, and the ledger balances to the cent', async () => {
    const { key, id } = await gateway.createKey({ policy: { require_credits: true } });
    const account = { tenant: id, endUser: 'erin' };
    await credits().topUp(account, 500, null);
    const results = await Promise.all(Array.from({ length: 200 }, () => post(key, { user: 'erin' })));
    const successes = results.filter((result) => result.status === 200).length;
    expect(successes).toBeGreaterThan(10);
    expect(results.every((result) => result.status === 200 || result.status === 402)).toBe(true);
    const balance = await settled(id, 'erin');
    expect(balance.availableMicros).toBeGreaterThanOrEqual(0);
    expect(balance.availableMicros + balance.spentMicros).toBe(500);
    await gateway.gateway.app.governance.flushLedger();
    expect(await gateway.gateway.app.store.creditLedger.unbalancedEntries()).toEqual([]);
    const sums = await gateway.gateway.app.store.creditLedger.balances();
    expect(sums.get(`avail:${id}:erin`)).toBe(balance.availableMicros);
    expect(sums.get(`spent:${id}:erin`)).toBe(balance.spentMicros);
    expect(sums.get(`held:${id}:erin`)).toBe(0);
    // What the ledger charged is what the request log says those requests cost.
    await gateway.flushLog();
    const rows = await gateway.gateway.app.store.requestLog.list({ limit: 1000, keyId: id });
    const logged = rows
      .filter((row) => row.outcome === 'success')
      .reduce((sum, row) => sum + (row.costMicros ?? 0), 0);
    expect(balance.spentMicros).toBe(logged);
  });

  it('refunds the hold when the provider fails', async () => {
    const { key, id } = await gateway.createKey({ policy: { require_credits: true } });
    await credits().topUp({ tenant: id, endUser: 'finn' }, 1_000, null);
    expect((await post(key, { user: 'finn', model: 'sim/demo-fast+500' })).status).toBeGreaterThanOrEqual(
      500,
    );
    const balance = await settled(id, 'finn');
    expect(balance).toMatchObject({ availableMicros: 1_000, spentMicros: 0 });
    expect(await ledgerKinds(id, 'finn')).toEqual(expect.arrayContaining(['topup', 'hold', 'refund']));
  });

  it('refunds the hold when the client leaves before the first token', async () => {
    const { key, id } = await gateway.createKey({ policy: { require_credits: true } });
    await credits().topUp({ tenant: id, endUser: 'gus' }, 1_000, null);
    const controller = new AbortController();
    const pending = post(key, { user: 'gus', model: 'sim/demo-fast+slow-2000' }, controller.signal).catch(
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await credits().balance({ tenant: id, endUser: 'gus' })).heldMicros).toBeGreaterThan(0);
    controller.abort();
    await pending;
    const balance = await settled(id, 'gus');
    expect(balance).toMatchObject({ availableMicros: 1_000, spentMicros: 0 });
    expect(await ledgerKinds(id, 'gus')).toContain('refund');
  });

  it('rebuilds balances from the ledger and releases holds a dead process left open', async () => {
    const { id } = await gateway.createKey({ policy: { require_credits: true } });
    const account = { tenant: id, endUser: 'hana' };
    await credits().topUp(account, 700, null);
    // A hold whose request never settled (the process died mid-request).
    credits().recordHold(account, 300, 'lost-request');
    await gateway.gateway.app.governance.flushLedger();
    const { CreditLedger } = await import('../../../src/governance/credits.js');
    const { MemoryLimitStore } = await import('../../../src/governance/memory-limit-store.js');
    const limits = new MemoryLimitStore();
    const rebuilt = new CreditLedger({
      limits,
      repository: gateway.gateway.app.store.creditLedger,
      enqueue: () => {},
    });
    const loaded = await rebuilt.load();
    expect(loaded.releasedHolds).toBeGreaterThanOrEqual(1);
    expect(await rebuilt.balance(account)).toMatchObject({ availableMicros: 700, heldMicros: 0 });
    expect(await gateway.gateway.app.store.creditLedger.unbalancedEntries()).toEqual([]);
  });
});
