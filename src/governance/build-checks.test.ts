import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/index.js';
import { buildChecks, resolvePolicies } from './build-checks.js';
import { compilePolicy, emptyPolicy, type Policy, type PolicyDocument } from './policy.js';
import type { PolicyCache } from './policy-cache.js';
import { WindowClock } from './windows.js';

const now = Date.parse('2026-11-25T10:00:00Z');

/** Team and plan policies held in maps, as the polling cache holds them. */
function policies(teams: Record<string, PolicyDocument> = {}, plans: Record<string, PolicyDocument> = {}) {
  const compiled = (documents: Record<string, PolicyDocument>) =>
    new Map(Object.entries(documents).map(([id, document]) => [id, compilePolicy(document)]));
  const teamMap = compiled(teams);
  const planMap = compiled(plans);
  const cache: PolicyCache = {
    team: (id) => (id === null ? undefined : teamMap.get(id)),
    plan: (id) => (id === null ? undefined : planMap.get(id)),
    start: () => Promise.resolve(),
    stop: () => {},
    refresh: () => Promise.resolve(),
  };
  return cache;
}

function principal(options: { policy?: PolicyDocument; teamId?: string; planId?: string } = {}): Principal {
  return {
    keyId: 'key1',
    name: 'ci-key',
    allowedModels: null,
    metadata: null,
    expiresAt: null,
    teamId: options.teamId ?? null,
    planId: options.planId ?? null,
    policy: options.policy ? compilePolicy(options.policy) : emptyPolicy,
  };
}

const demand = { tokens: 1_200, costMicros: 450 };

describe('resolvePolicies', () => {
  it("overlays the key's own settings on its plan, field by field", () => {
    const cache = policies(
      {},
      {
        pro: {
          limits: { rpm: 100, tpm: 10_000 },
          budgets: [{ period: 'month', usd: 50 }],
          baseline_model: 'gpt-4o',
        },
      },
    );
    const applied = resolvePolicies(principal({ planId: 'pro', policy: { limits: { rpm: 5 } } }), cache);
    // The key's limits object replaces the plan's as a whole; the plan's budget and baseline remain.
    expect(applied.key.limits).toEqual({ rpm: 5 });
    expect(applied.key.budgets).toEqual([{ period: 'month', limitMicros: 50_000_000 }]);
    expect(applied.baselineModel).toBe('gpt-4o');
    expect(applied.needsCost).toBe(true);
  });

  it('a key on an unknown plan keeps its own policy', () => {
    const applied = resolvePolicies(
      principal({ planId: 'gone', policy: { limits: { rpm: 5 } } }),
      policies(),
    );
    expect(applied.key.limits).toEqual({ rpm: 5 });
    expect(applied.needsCost).toBe(false);
  });

  it('end users live under the team when the key has one, else under the key', () => {
    const cache = policies({
      acme: { end_user_limits: { rpm: 3 }, require_credits: true, baseline_model: 'x' },
    });
    const inTeam = resolvePolicies(principal({ teamId: 'acme' }), cache);
    expect(inTeam.tenant).toBe('acme');
    expect(inTeam.endUserLimits).toEqual({ rpm: 3 });
    expect(inTeam.requireCredits).toBe(true);
    expect(inTeam.baselineModel).toBe('x');
    const alone = resolvePolicies(principal(), cache);
    expect(alone.tenant).toBe('key1');
    expect(alone.team).toBeUndefined();
    expect(alone.endUserLimits).toBeUndefined();
    expect(alone.requireCredits).toBe(false);
  });

  it("the key's end-user settings win over the team's", () => {
    const cache = policies({
      acme: {
        end_user_limits: { rpm: 3 },
        end_user_budgets: [{ period: 'day', usd: 1 }],
        baseline_model: 't',
      },
    });
    const applied = resolvePolicies(
      principal({
        teamId: 'acme',
        policy: {
          end_user_limits: { rpm: 9 },
          end_user_budgets: [{ period: 'total', usd: 2 }],
          baseline_model: 'k',
        },
      }),
      cache,
    );
    expect(applied.endUserLimits).toEqual({ rpm: 9 });
    expect(applied.endUserBudgets).toEqual([{ period: 'total', limitMicros: 2_000_000 }]);
    expect(applied.baselineModel).toBe('k');
  });

  it.each<[string, PolicyDocument | undefined, PolicyDocument | undefined, boolean]>([
    ['no policy', undefined, undefined, false],
    ['rpm and concurrency only', { limits: { rpm: 1, concurrency: 1 } }, undefined, false],
    ['key tpm', { limits: { tpm: 1 } }, undefined, true],
    ['team tpm', undefined, { limits: { tpm: 1 } }, true],
    ['end-user tpm', { end_user_limits: { tpm: 1 } }, undefined, true],
    ['end-user rpm only', { end_user_limits: { rpm: 1 } }, undefined, false],
    ['key budget', { budgets: [{ period: 'day', usd: 1 }] }, undefined, true],
    ['team budget', undefined, { budgets: [{ period: 'day', usd: 1 }] }, true],
    ['end-user budget', undefined, { end_user_budgets: [{ period: 'day', usd: 1 }] }, true],
    ['credits', undefined, { require_credits: true }, true],
    ['baseline only', { baseline_model: 'gpt-4o' }, undefined, false],
  ])('needsCost with %s', (_name, keyPolicy, teamPolicy, expected) => {
    const cache = policies(teamPolicy ? { acme: teamPolicy } : {});
    const applied = resolvePolicies(
      principal({ teamId: 'acme', ...(keyPolicy ? { policy: keyPolicy } : {}) }),
      cache,
    );
    expect(applied.needsCost).toBe(expected);
  });
});

describe('buildChecks', () => {
  it('builds key, team and end-user counters in that order, with labels', () => {
    const cache = policies({
      acme: {
        limits: { rpm: 1_000, concurrency: 20 },
        budgets: [{ period: 'month', usd: 100 }],
        end_user_limits: { rpm: 10, tpm: 5_000 },
        end_user_budgets: [{ period: 'day', usd: 0.5 }],
      },
    });
    const who = principal({
      teamId: 'acme',
      policy: { limits: { rpm: 60, tpm: 90_000, concurrency: 4 }, budgets: [{ period: 'day', usd: 2.5 }] },
    });
    const { checks, labels } = buildChecks(
      who,
      resolvePolicies(who, cache),
      'alice',
      demand,
      new WindowClock(),
      now,
    );
    const day = Date.parse('2026-11-26T00:00:00Z');
    const month = Date.parse('2026-12-01T00:00:00Z');
    expect(checks).toEqual([
      { kind: 'requests', key: 'k:key1:rpm', limitPerMinute: 60, amount: 1 },
      { kind: 'tokens', key: 'k:key1:tpm', limitPerMinute: 90_000, amount: 1_200 },
      { kind: 'concurrency', key: 'k:key1:inflight', limit: 4 },
      {
        kind: 'budget',
        key: 'k:key1:budget:day:20261125',
        limitMicros: 2_500_000,
        amount: 450,
        expiresAt: day,
      },
      { kind: 'requests', key: 't:acme:rpm', limitPerMinute: 1_000, amount: 1 },
      { kind: 'concurrency', key: 't:acme:inflight', limit: 20 },
      {
        kind: 'budget',
        key: 't:acme:budget:month:202611',
        limitMicros: 100_000_000,
        amount: 450,
        expiresAt: month,
      },
      { kind: 'requests', key: 'u:acme:alice:rpm', limitPerMinute: 10, amount: 1 },
      { kind: 'tokens', key: 'u:acme:alice:tpm', limitPerMinute: 5_000, amount: 1_200 },
      {
        kind: 'budget',
        key: 'u:acme:alice:budget:day:20261125',
        limitMicros: 500_000,
        amount: 450,
        expiresAt: day,
      },
    ]);
    expect(labels).toEqual([
      { scope: 'key', name: 'ci-key' },
      { scope: 'key', name: 'ci-key' },
      { scope: 'key', name: 'ci-key' },
      { scope: 'key', name: 'ci-key', period: 'day' },
      { scope: 'team', name: 'acme' },
      { scope: 'team', name: 'acme' },
      { scope: 'team', name: 'acme', period: 'month' },
      { scope: 'end user', name: 'alice' },
      { scope: 'end user', name: 'alice' },
      { scope: 'end user', name: 'alice', period: 'day' },
    ]);
  });

  it('end-user counters of a key without a team are kept under the key id', () => {
    const who = principal({ policy: { end_user_limits: { rpm: 2 } } });
    const { checks } = buildChecks(
      who,
      resolvePolicies(who, policies()),
      'bob',
      demand,
      new WindowClock(),
      now,
    );
    expect(checks).toEqual([{ kind: 'requests', key: 'u:key1:bob:rpm', limitPerMinute: 2, amount: 1 }]);
  });

  it('no end user means no end-user counters, and no policy means no counters', () => {
    const who = principal({ policy: { end_user_limits: { rpm: 2 } } });
    expect(
      buildChecks(who, resolvePolicies(who, policies()), undefined, demand, new WindowClock(), now).checks,
    ).toEqual([]);
    const bare = principal();
    expect(
      buildChecks(bare, resolvePolicies(bare, policies()), 'bob', demand, new WindowClock(), now),
    ).toEqual({
      checks: [],
      labels: [],
    });
  });

  it('ignores a team policy when the key has no team', () => {
    const policy: Policy = compilePolicy({ limits: { rpm: 1 } });
    const who = principal();
    const applied = { ...resolvePolicies(who, policies()), team: policy };
    expect(buildChecks(who, applied, undefined, demand, new WindowClock(), now).checks).toEqual([]);
  });

  it('names the new window the next day for the same key, and keeps end users apart', () => {
    const who = principal({ policy: { budgets: [{ period: 'day', usd: 1 }], end_user_limits: { rpm: 1 } } });
    const applied = resolvePolicies(who, policies());
    const clock = new WindowClock();
    const keysAt = (endUser: string, at: number) =>
      buildChecks(who, applied, endUser, demand, clock, at).checks.map((check) => check.key);
    expect(keysAt('u1', now)).toEqual(['k:key1:budget:day:20261125', 'u:key1:u1:rpm']);
    expect(keysAt('u1', now + 86_400_000)).toEqual(['k:key1:budget:day:20261126', 'u:key1:u1:rpm']);
    // More end users than the per-key name cache holds: every one still gets its own counter.
    for (let index = 0; index < 1_100; index++) {
      expect(keysAt(`user-${index}`, now)[1]).toBe(`u:key1:user-${index}:rpm`);
    }
    expect(keysAt('u1', now)).toEqual(['k:key1:budget:day:20261125', 'u:key1:u1:rpm']);
  });
});
