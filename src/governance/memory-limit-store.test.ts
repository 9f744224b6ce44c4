import { describe, expect, it } from 'vitest';
import type { AcquireResult, BudgetCheck, ConcurrencyCheck, CreditCheck, RateCheck } from './limit-store.js';
import { MemoryLimitStore } from './memory-limit-store.js';

const t0 = 1_800_000_000_000;

const rate = (key: string, limitPerMinute: number, amount: number, kind: RateCheck['kind'] = 'tokens') =>
  ({ kind, key, limitPerMinute, amount }) satisfies RateCheck;
const slots = (key: string, limit: number) =>
  ({ kind: 'concurrency', key, limit }) satisfies ConcurrencyCheck;
const budget = (key: string, limitMicros: number, amount: number, expiresAt = t0 + 86_400_000) =>
  ({ kind: 'budget', key, limitMicros, amount, expiresAt }) satisfies BudgetCheck;
const credits = (key: string, amount: number) => ({ kind: 'credits', key, amount }) satisfies CreditCheck;

function granted(result: AcquireResult) {
  if (!result.granted) throw new Error(`refused by check ${result.failedIndex}`);
  return result.states;
}

function refused(result: AcquireResult) {
  if (result.granted) throw new Error('granted');
  return result;
}

describe('MemoryLimitStore.acquire', () => {
  it('takes all counters or none: a refusal by the third check leaves the first two untouched', async () => {
    const store = new MemoryLimitStore();
    const checks = [rate('rpm', 10, 1, 'requests'), rate('tpm', 1_000, 100), budget('day', 50, 100)] as const;
    const refusal = refused(await store.acquire(checks, t0));
    expect(refusal.failedIndex).toBe(2);
    expect(refusal.available).toBe(50);
    expect(refusal.retryAfterMs).toBeUndefined();
    // Full buckets: nothing was taken by the refused request.
    const states = granted(await store.acquire([checks[0], checks[1]], t0));
    expect(states.map((state) => state.remaining)).toEqual([9, 900]);
  });

  it('reports the first refusing counter when several would refuse', () => {
    const store = new MemoryLimitStore();
    const result = refused(store.acquireNow([rate('a', 10, 1), rate('b', 5, 6), rate('c', 5, 6)], t0));
    expect(result.failedIndex).toBe(1);
  });

  it('grants everything when there are no checks', () => {
    expect(new MemoryLimitStore().acquireNow([], t0)).toEqual({ granted: true, states: [] });
  });
});

describe('token buckets', () => {
  it('refill evenly over a minute and tell when a retry can succeed', () => {
    const store = new MemoryLimitStore();
    // 60 per minute: one unit per second.
    const [state] = granted(store.acquireNow([rate('k', 60, 60, 'requests')], t0));
    expect(state).toEqual({ limit: 60, remaining: 0, resetMs: 60_000 });
    const empty = refused(store.acquireNow([rate('k', 60, 1, 'requests')], t0));
    expect(empty).toMatchObject({ available: 0, retryAfterMs: 1_000 });
    // Half a unit back after 500 ms: 500 ms more to wait for one.
    const half = refused(store.acquireNow([rate('k', 60, 1, 'requests')], t0 + 500));
    expect(half).toMatchObject({ available: 0, retryAfterMs: 500 });
    // Three units need (3 - 0.5) s.
    expect(refused(store.acquireNow([rate('k', 60, 3, 'requests')], t0 + 500)).retryAfterMs).toBe(2_500);
    const [again] = granted(store.acquireNow([rate('k', 60, 1, 'requests')], t0 + 1_000));
    expect(again).toEqual({ limit: 60, remaining: 0, resetMs: 60_000 });
  });

  it('never refills past the limit', () => {
    const store = new MemoryLimitStore();
    granted(store.acquireNow([rate('k', 100, 40)], t0));
    const [state] = granted(store.acquireNow([rate('k', 100, 10)], t0 + 3_600_000));
    expect(state).toEqual({ limit: 100, remaining: 90, resetMs: 6_000 });
  });

  it('cannot promise a retry for a demand larger than the limit', () => {
    const store = new MemoryLimitStore();
    const result = refused(store.acquireNow([rate('k', 100, 150)], t0));
    expect(result).toEqual({ granted: false, failedIndex: 0, retryAfterMs: undefined, available: 100 });
  });

  it('settle gives back an unused reservation', () => {
    const store = new MemoryLimitStore();
    const check = rate('k', 6_000, 1_000);
    granted(store.acquireNow([check], t0));
    store.settleNow([check], [400], t0);
    // 6000 - 1000 + 1000 - 400 = 5600 left.
    expect(refused(store.acquireNow([rate('k', 6_000, 5_601)], t0)).available).toBe(5_600);
  });

  it('settle takes an overrun, even below zero, which delays later requests', () => {
    const store = new MemoryLimitStore();
    const check = rate('k', 6_000, 1_000);
    granted(store.acquireNow([check], t0));
    store.settleNow([check], [8_000], t0);
    // 5000 + 1000 - 8000 = -2000; one token needs 2001 tokens of refill at 100 per second.
    const result = refused(store.acquireNow([rate('k', 6_000, 1)], t0));
    expect(result).toMatchObject({ available: -2_000, retryAfterMs: 20_010 });
    // The refill during the call counts too: settling 1 s later starts from 5100.
    const later = new MemoryLimitStore();
    granted(later.acquireNow([check], t0));
    later.settleNow([check], [8_000], t0 + 1_000);
    expect(refused(later.acquireNow([rate('k', 6_000, 1)], t0 + 1_000)).available).toBe(-1_900);
  });

  it('settle treats a negative or missing actual amount as nothing used', () => {
    const store = new MemoryLimitStore();
    const checks = [rate('a', 100, 30), rate('b', 100, 30)];
    granted(store.acquireNow(checks, t0));
    store.settleNow(checks, [-50], t0);
    const [a, b] = granted(store.acquireNow([rate('a', 100, 100), rate('b', 100, 100)], t0));
    expect([a?.remaining, b?.remaining]).toEqual([0, 0]);
  });
});

describe('concurrency', () => {
  it('holds a slot until settle releases it', async () => {
    const store = new MemoryLimitStore();
    const check = slots('c', 2);
    expect(granted(store.acquireNow([check], t0))[0]).toEqual({ limit: 2, remaining: 1, resetMs: 0 });
    expect(granted(store.acquireNow([check], t0))[0]?.remaining).toBe(0);
    expect(refused(store.acquireNow([check], t0))).toMatchObject({ available: 0, retryAfterMs: 1_000 });
    await store.settle([check], [0], t0);
    expect(granted(store.acquireNow([check], t0))[0]?.remaining).toBe(0);
    store.settleNow([check], [0], t0);
    store.settleNow([check], [0], t0);
    // A release with nothing in flight does not create spare slots.
    store.settleNow([check], [0], t0);
    granted(store.acquireNow([check], t0));
    granted(store.acquireNow([check], t0));
    refused(store.acquireNow([check], t0));
  });
});

describe('budget windows', () => {
  it('counts open reservations and settled spend against the limit', () => {
    const store = new MemoryLimitStore();
    const expiresAt = t0 + 3_600_000;
    const first = budget('w', 1_000, 300, expiresAt);
    expect(granted(store.acquireNow([first], t0))[0]).toEqual({
      limit: 1_000,
      remaining: 700,
      resetMs: 3_600_000,
    });
    expect(granted(store.acquireNow([budget('w', 1_000, 300, expiresAt)], t0 + 1))[0]?.remaining).toBe(400);
    // The first request cost 100 of its 300: reserved 300 + spent 100 leaves 600.
    store.settleNow([first], [100], t0 + 2);
    const result = refused(store.acquireNow([budget('w', 1_000, 700, expiresAt)], t0 + 3));
    expect(result).toMatchObject({ available: 600, retryAfterMs: undefined });
    expect(granted(store.acquireNow([budget('w', 1_000, 600, expiresAt)], t0 + 3))[0]?.remaining).toBe(0);
  });

  it('a spend above the reservation is kept, and available never reads below zero', () => {
    const store = new MemoryLimitStore();
    const check = budget('w', 100, 50);
    granted(store.acquireNow([check], t0));
    store.settleNow([check], [180], t0);
    expect(refused(store.acquireNow([budget('w', 100, 0)], t0)).available).toBe(0);
  });

  it('addSpend seeds settled spend', async () => {
    const store = new MemoryLimitStore();
    await store.addSpend('w', 700, t0 + 1_000);
    await store.addSpend('w', 100, t0 + 1_000);
    expect(refused(store.acquireNow([budget('w', 1_000, 201)], t0)).available).toBe(200);
    granted(store.acquireNow([budget('w', 1_000, 200)], t0));
  });

  it('forgets a finished window on the next sweep, but not one with a request still in flight', () => {
    const store = new MemoryLimitStore();
    const expiresAt = t0 + 1_000;
    store.acquireNow([], t0); // first sweep
    void store.addSpend('spent', 1_000, expiresAt);
    granted(store.acquireNow([budget('open', 1_000, 500, expiresAt)], t0));
    refused(store.acquireNow([budget('spent', 1_000, 1, expiresAt)], t0 + 2_000));
    // Sweeps run at most once a minute.
    refused(store.acquireNow([budget('spent', 1_000, 1, expiresAt)], t0 + 59_000));
    granted(store.acquireNow([budget('spent', 1_000, 1_000, expiresAt)], t0 + 61_000));
    expect(refused(store.acquireNow([budget('open', 1_000, 600, expiresAt)], t0 + 61_000)).available).toBe(
      500,
    );
  });
});

describe('credits', () => {
  it('holds, settles and refunds against a prepaid balance', async () => {
    const store = new MemoryLimitStore();
    expect(await store.addCredit('u', 1_000)).toBe(1_000);
    const hold = credits('u', 300);
    expect(granted(await store.acquire([hold], t0))[0]).toEqual({ limit: 1_000, remaining: 700, resetMs: 0 });
    expect(await store.creditBalance('u')).toEqual({ available: 700, held: 300 });
    // Charged 100 of the 300 held: 200 comes back.
    await store.settle([hold], [100], t0);
    expect(await store.creditBalance('u')).toEqual({ available: 900, held: 0 });
    // A refund charges nothing.
    granted(store.acquireNow([hold], t0));
    store.settleNow([hold], [0], t0);
    expect(await store.creditBalance('u')).toEqual({ available: 900, held: 0 });
  });

  it('refuses a hold larger than the balance, with no retry time', async () => {
    const store = new MemoryLimitStore();
    await store.addCredit('u', 250);
    expect(refused(store.acquireNow([credits('u', 251)], t0))).toEqual({
      granted: false,
      failedIndex: 0,
      retryAfterMs: undefined,
      available: 250,
    });
    expect(refused(store.acquireNow([credits('nobody', 1)], t0)).available).toBe(0);
    // A zero hold (a request charged after the call) needs some balance: an empty one refuses it.
    expect(refused(store.acquireNow([credits('nobody', 0)], t0)).available).toBe(0);
    granted(store.acquireNow([credits('u', 0)], t0));
  });

  it('addCredit takes away with a negative amount and reports the new balance', async () => {
    const store = new MemoryLimitStore();
    await store.addCredit('u', 500);
    expect(await store.addCredit('u', -200)).toBe(300);
    expect(await store.creditBalance('u')).toEqual({ available: 300, held: 0 });
    expect(await store.creditBalance('unknown')).toEqual({ available: 0, held: 0 });
  });

  it('a refused credit check does not hold anything from the balance', async () => {
    const store = new MemoryLimitStore();
    await store.addCredit('u', 500);
    refused(store.acquireNow([credits('u', 100), budget('b', 10, 100)], t0));
    expect(await store.creditBalance('u')).toEqual({ available: 500, held: 0 });
  });
});
