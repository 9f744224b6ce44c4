import { z } from 'zod';

/**
 * Governance policy: the limits, budgets and savings baseline attached to a key, a team or a plan.
 *
 * Stored (JSON text) and exchanged over the admin API in the snake_case "document" form below, with
 * budgets in USD; the gateway works on the compiled form ({@link compilePolicy}) in integer
 * micro-dollars so no float ever touches money arithmetic.
 */

const count = z.number().int().positive().max(1_000_000_000);

const rateLimitsSchema = z.strictObject({
  /** Requests per minute. */
  rpm: count.optional(),
  /** Tokens (prompt + completion) per minute. */
  tpm: count.optional(),
  /** Requests in flight at once. */
  concurrency: count.optional(),
});

export const budgetPeriods = ['day', 'month', 'total'] as const;
export type BudgetPeriod = (typeof budgetPeriods)[number];

const budgetSchema = z.strictObject({
  period: z.enum(budgetPeriods),
  /** USD; at most six decimals matter (micro-dollars). */
  usd: z.number().nonnegative().max(1_000_000_000),
});

/** The document form of a policy, as stored and as the admin API reads and writes it. */
export const policyDocumentSchema = z.strictObject({
  limits: rateLimitsSchema.optional(),
  /** Applied to each end user (`user` field) of the holder separately. */
  end_user_limits: rateLimitsSchema.optional(),
  budgets: z.array(budgetSchema).max(3).optional(),
  end_user_budgets: z.array(budgetSchema).max(3).optional(),
  /** End users must hold prepaid credits (see the credits ledger); requests without `user` are refused. */
  require_credits: z.boolean().optional(),
  /** Catalog model (`provider/model` or name) whose price the savings are measured against. */
  baseline_model: z.string().min(1).optional(),
});

export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

export interface RateLimits {
  rpm?: number;
  tpm?: number;
  concurrency?: number;
}

export interface BudgetRule {
  period: BudgetPeriod;
  limitMicros: number;
}

/** A policy ready for the hot path. */
export interface Policy {
  limits: RateLimits | undefined;
  endUserLimits: RateLimits | undefined;
  budgets: readonly BudgetRule[];
  endUserBudgets: readonly BudgetRule[];
  requireCredits: boolean;
  baselineModel: string | undefined;
}

export const emptyPolicy: Policy = Object.freeze({
  limits: undefined,
  endUserLimits: undefined,
  budgets: [],
  endUserBudgets: [],
  requireCredits: false,
  baselineModel: undefined,
});

/** USD → integer micro-dollars, rounded to the nearest micro-dollar. */
export function usdToMicros(usd: number): number {
  return Math.round(usd * 1_000_000);
}

export function compilePolicy(document: PolicyDocument | null | undefined): Policy {
  if (!document) return emptyPolicy;
  return {
    limits: nonEmpty(document.limits),
    endUserLimits: nonEmpty(document.end_user_limits),
    budgets: (document.budgets ?? []).map(toRule),
    endUserBudgets: (document.end_user_budgets ?? []).map(toRule),
    requireCredits: document.require_credits === true,
    baselineModel: document.baseline_model,
  };
}

/**
 * A key's effective policy: each field of the key's own policy wins over its plan's, so a plan is a
 * default bundle a key may tighten or loosen one setting at a time.
 */
export function overlayPolicy(own: Policy, plan: Policy | undefined): Policy {
  if (!plan) return own;
  return {
    limits: own.limits ?? plan.limits,
    endUserLimits: own.endUserLimits ?? plan.endUserLimits,
    budgets: own.budgets.length > 0 ? own.budgets : plan.budgets,
    endUserBudgets: own.endUserBudgets.length > 0 ? own.endUserBudgets : plan.endUserBudgets,
    requireCredits: own.requireCredits || plan.requireCredits,
    baselineModel: own.baselineModel ?? plan.baselineModel,
  };
}

function toRule(budget: { period: BudgetPeriod; usd: number }): BudgetRule {
  return { period: budget.period, limitMicros: usdToMicros(budget.usd) };
}

function nonEmpty(limits: RateLimits | undefined): RateLimits | undefined {
  if (!limits) return undefined;
  return limits.rpm === undefined && limits.tpm === undefined && limits.concurrency === undefined
    ? undefined
    : limits;
}
