import { describe, expect, it } from 'vitest';
import { emptyPolicy } from '../governance/policy.js';
import type { KeyRecord } from '../store/keys-repository.js';
import { buildPrincipal, isModelAllowed, type Principal } from './principal.js';

function principal(allowedModels: string[] | null): Principal {
  return {
    keyId: 'id',
    name: 'name',
    allowedModels: allowedModels && new Set(allowedModels),
    metadata: null,
    expiresAt: null,
    teamId: null,
    planId: null,
    policy: emptyPolicy,
  };
}

describe('isModelAllowed', () => {
  it('allows everything when the list is null or holds *', () => {
    expect(isModelAllowed(principal(null), 'anything/at-all')).toBe(true);
    expect(isModelAllowed(principal(['*']), 'openai/gpt-4.1')).toBe(true);
    expect(isModelAllowed(principal(['*']), 'fast')).toBe(true);
  });

  it('allows exact names only', () => {
    const only = principal(['fast', 'openai/gpt-4.1']);
    expect(isModelAllowed(only, 'fast')).toBe(true);
    expect(isModelAllowed(only, 'openai/gpt-4.1')).toBe(true);
    expect(isModelAllowed(only, 'openai/gpt-4.1-mini')).toBe(false);
    expect(isModelAllowed(only, 'Fast')).toBe(false);
    expect(isModelAllowed(only, 'smart')).toBe(false);
  });

  it('treats provider/* as every model of that provider and nothing else', () => {
    const wildcard = principal(['anthropic/*']);
    expect(isModelAllowed(wildcard, 'anthropic/claude-sonnet-4-5')).toBe(true);
    expect(isModelAllowed(wildcard, 'anthropic/org/model')).toBe(true);
    expect(isModelAllowed(wildcard, 'anthropic/')).toBe(false);
    expect(isModelAllowed(wildcard, 'anthropic')).toBe(false);
    expect(isModelAllowed(wildcard, 'anthropic-clone/claude')).toBe(false);
    expect(isModelAllowed(wildcard, 'openai/gpt-4.1')).toBe(false);
    expect(isModelAllowed(wildcard, '/claude')).toBe(false);
  });

  it('an empty list allows nothing', () => {
    expect(isModelAllowed(principal([]), 'fast')).toBe(false);
  });
});

describe('buildPrincipal', () => {
  it('copies the record into a principal with a set of models', () => {
    const record: KeyRecord = {
      id: 'abcdefghijkl',
      name: 'ci',
      secretHash: 'x',
      keyHint: 'h',
      allowedModels: ['fast', 'openai/*'],
      metadata: { team: 'qa' },
      createdAt: 1,
      updatedAt: 2,
      expiresAt: 3,
      revokedAt: null,
      teamId: 'team-1',
      planId: 'free',
      policy: { limits: { rpm: 10 }, budgets: [{ period: 'day', usd: 1.5 }] },
      replacedBy: null,
    };
    const built = buildPrincipal(record);
    expect(built).toEqual({
      keyId: 'abcdefghijkl',
      name: 'ci',
      allowedModels: new Set(['fast', 'openai/*']),
      metadata: { team: 'qa' },
      expiresAt: 3,
      teamId: 'team-1',
      planId: 'free',
      policy: {
        limits: { rpm: 10 },
        endUserLimits: undefined,
        budgets: [{ period: 'day', limitMicros: 1_500_000 }],
        endUserBudgets: [],
        requireCredits: false,
        baselineModel: undefined,
      },
    });
    expect(built.metadata).not.toBe(record.metadata);
  });
});
