import { describe, expect, it } from 'vitest';
import { compilePolicy, emptyPolicy, overlayPolicy, policyDocumentSchema, usdToMicros } from './policy.js';

describe('usdToMicros', () => {
  it.each([
    [0, 0],
    [1, 1_000_000],
    [0.000001, 1],
    [0.0000004, 0],
    [0.0000005, 1],
    [0.1 + 0.2, 300_000],
    [2.675e-6, 3],
    [19.99, 19_990_000],
    [1_000_000_000, 1_000_000_000_000_000],
  ])('%d USD → %d µ$', (usd, micros) => {
    expect(usdToMicros(usd)).toBe(micros);
  });
});

describe('compilePolicy', () => {
  it('is the empty policy for no document', () => {
    expect(compilePolicy(null)).toBe(emptyPolicy);
    expect(compilePolicy(undefined)).toBe(emptyPolicy);
  });

  it('compiles budgets to micro-dollars and keeps limits', () => {
    expect(
      compilePolicy({
        limits: { rpm: 60, concurrency: 2 },
        end_user_limits: { tpm: 1_000 },
        budgets: [
          { period: 'day', usd: 1.5 },
          { period: 'total', usd: 0.000001 },
        ],
        end_user_budgets: [{ period: 'month', usd: 3 }],
        require_credits: true,
        baseline_model: 'openai/gpt-4o',
      }),
    ).toEqual({
      limits: { rpm: 60, concurrency: 2 },
      endUserLimits: { tpm: 1_000 },
      budgets: [
        { period: 'day', limitMicros: 1_500_000 },
        { period: 'total', limitMicros: 1 },
      ],
      endUserBudgets: [{ period: 'month', limitMicros: 3_000_000 }],
      requireCredits: true,
      baselineModel: 'openai/gpt-4o',
    });
  });

  it('treats an empty limits object as no limits', () => {
    const policy = compilePolicy({ limits: {}, end_user_limits: {} });
    expect(policy.limits).toBeUndefined();
    expect(policy.endUserLimits).toBeUndefined();
    expect(policy.requireCredits).toBe(false);
  });
});

describe('overlayPolicy', () => {
  const plan = compilePolicy({
    limits: { rpm: 100 },
    end_user_limits: { rpm: 5 },
    budgets: [{ period: 'month', usd: 10 }],
    end_user_budgets: [{ period: 'day', usd: 1 }],
    require_credits: true,
    baseline_model: 'plan-baseline',
  });

  it('is the key policy when there is no plan', () => {
    const own = compilePolicy({ limits: { rpm: 1 } });
    expect(overlayPolicy(own, undefined)).toBe(own);
  });

  it('takes each unset field from the plan', () => {
    expect(overlayPolicy(emptyPolicy, plan)).toEqual(plan);
  });

  it('keeps each field the key sets; credits are required when either requires them', () => {
    const own = compilePolicy({
      limits: { tpm: 7 },
      end_user_limits: { concurrency: 1 },
      budgets: [{ period: 'day', usd: 2 }],
      end_user_budgets: [{ period: 'total', usd: 4 }],
      require_credits: false,
      baseline_model: 'key-baseline',
    });
    expect(overlayPolicy(own, plan)).toEqual({
      limits: { tpm: 7 },
      endUserLimits: { concurrency: 1 },
      budgets: [{ period: 'day', limitMicros: 2_000_000 }],
      endUserBudgets: [{ period: 'total', limitMicros: 4_000_000 }],
      requireCredits: true,
      baselineModel: 'key-baseline',
    });
  });
});

describe('policyDocumentSchema', () => {
  it.each([
    ['an unknown field', { limits: { rpm: 1, rps: 2 } }],
    ['a zero limit', { limits: { rpm: 0 } }],
    ['a fractional limit', { limits: { tpm: 1.5 } }],
    ['a negative budget', { budgets: [{ period: 'day', usd: -1 }] }],
    ['an unknown period', { budgets: [{ period: 'week', usd: 1 }] }],
    ['more than three budgets', { budgets: Array.from({ length: 4 }, () => ({ period: 'day', usd: 1 })) }],
    ['an empty baseline', { baseline_model: '' }],
  ])('refuses %s', (_name, document) => {
    expect(policyDocumentSchema.safeParse(document).success).toBe(false);
  });

  it('accepts a zero budget (nothing may be spent)', () => {
    expect(policyDocumentSchema.safeParse({ budgets: [{ period: 'total', usd: 0 }] }).success).toBe(true);
  });
});
