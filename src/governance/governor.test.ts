import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/index.js';
import type { GatewayError } from '../canon/index.js';
import { CreditLedger } from './credits.js';
import type { LedgerRow } from './credits-api.js';
import { Governor } from './governor.js';
import { MemoryLimitStore } from './memory-limit-store.js';
import { compilePolicy, type PolicyDocument } from './policy.js';
import type { PolicyCache } from './policy-cache.js';

const noTeamsOrPlans: PolicyCache = {
  team: () => undefined,
  plan: () => undefined,
  start: () => Promise.resolve(),
  stop: () => {},
  refresh: () => Promise.resolve(),
};

function principal(policy: PolicyDocument): Principal {
  return {
    keyId: 'key1',
    name: 'ci-key',
    allowedModels: null,
    metadata: null,
    expiresAt: null,
    teamId: null,
    planId: null,
    policy: compilePolicy(policy),
  };
}

/** A governor over a fresh in-memory store, with its credit ledger rows collected. */
function setUp() {
  const limits = new MemoryLimitStore();
  const ledger: LedgerRow[] = [];
  const credits = new CreditLedger({
    limits,
    repository: {
      appendMany: () => Promise.resolve(),
      listByAccounts: () => Promise.resolve([]),
      balances: () => Promise.resolve(new Map()),
      unbalancedEntries: () => Promise.resolve([]),
    },
    enqueue: (rows) => ledger.push(...rows),
  });
  const governor = new Governor({
    limits,
    policies: noTeamsOrPlans,
    credits,
    // admitWith takes its demand from the caller; these two serve only the chat wrapper `admit`.
    estimatePromptTokens: () => Promise.resolve(0),
    guessPromptTokens: () => 0,
    maxOutputOf: () => undefined,
    defaultOutputTokens: 100,
    onSettleError: (error) => {
      throw error;
    },
  });
  return { governor, limits, credits, ledger, exactCounts: 0 };
}

/**
 * Admits like the chat path: the prompt is `guess` tokens first and `exact` tokens when counted
 * exactly, plus 100 output tokens; the cost is 1 µ$ a token.
 */
function admit(
  setup: ReturnType<typeof setUp>,
  policy: PolicyDocument,
  prompt: { guess: number; exact: number },
  endUser?: string,
) {
  return setup.governor.admitWith({
    requestId: 'req-1',
    principal: principal(policy),
    endUser,
    demand: async (exact) => {
      if (exact) setup.exactCounts += 1;
      const tokens = (exact ? prompt.exact : prompt.guess) + 100;
      return { tokens, costMicros: tokens };
    },
  });
}

describe('Governor.admitWith', () => {
  it('reserves with the guess when it fits, without counting exactly', async () => {
    const setup = setUp();
    const admission = await admit(setup, { limits: { tpm: 1_000 } }, { guess: 400, exact: 200 });
    expect(setup.exactCounts).toBe(0);
    expect(admission?.demand.tokens).toBe(500);
  });

  it('counts exactly and tries again when the guess does not fit', async () => {
    const setup = setUp();
    const admission = await admit(setup, { limits: { tpm: 350 } }, { guess: 400, exact: 200 });
    expect(setup.exactCounts).toBe(1);
    expect(admission?.demand.tokens).toBe(300);
  });

  it('refuses on the exact count when even that does not fit', async () => {
    const setup = setUp();
    const refused = (await admit(setup, { limits: { tpm: 350 } }, { guess: 400, exact: 300 }).catch(
      (error: unknown) => error,
    )) as GatewayError;
    expect(setup.exactCounts).toBe(1);
    expect(refused.kind).toBe('rate_limited');
    expect(refused.message).toContain('needs about 400 tokens');
  });

  it('does not count exactly when a counter that ignores tokens refused', async () => {
    const setup = setUp();
    await admit(setup, { limits: { rpm: 1 } }, { guess: 400, exact: 200 });
    const refused = (await admit(setup, { limits: { rpm: 1 } }, { guess: 400, exact: 200 }).catch(
      (error: unknown) => error,
    )) as GatewayError;
    expect(refused.kind).toBe('rate_limited');
    expect(setup.exactCounts).toBe(0);
  });

  it('needs an end user when credits are required, and holds then refunds on failure', async () => {
    const setup = setUp();
    const missing = (await admit(setup, { require_credits: true }, { guess: 50, exact: 50 }).catch(
      (error: unknown) => error,
    )) as GatewayError;
    expect(missing.details.param).toBe('user');
    await setup.credits.topUp({ tenant: 'key1', endUser: 'ann' }, 1_000, null);
    const admission = await admit(setup, { require_credits: true }, { guess: 50, exact: 50 }, 'ann');
    expect(await setup.limits.creditBalance('avail:key1:ann')).toMatchObject({ held: 150 });
    if (!admission) throw new Error('expected an admission');
    setup.governor.settleWith(admission, { requestId: 'req-1', tokens: 0, costMicros: 120, refund: true });
    expect(await setup.limits.creditBalance('avail:key1:ann')).toMatchObject({ held: 0 });
    expect(await setup.limits.creditBalance('avail:key1:ann')).toEqual({ available: 1_000, held: 0 });
    expect(setup.ledger.map((row) => row.kind)).toEqual(['hold', 'hold', 'refund', 'refund']);
  });
});
