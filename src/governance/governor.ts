import type { CanonRequest } from '../canon/index.js';
import { GatewayError } from '../canon/index.js';
import type { RequestContext } from '../pipeline/context.js';
import type { SettledResult } from '../pipeline/stages/settle.js';
import { buildChecks, type CheckLabel, type Demand, resolvePolicies } from './build-checks.js';
import { type CreditLedger, creditAccounts } from './credits.js';
import type { CreditAccountRef } from './credits-api.js';
import type { CounterState, LimitCheck, LimitStore } from './limit-store.js';
import { type MaxOutputOf, maxCostMicros } from './max-cost.js';
import type { PolicyCache } from './policy-cache.js';
import { writeRateLimitHeaders } from './rate-limit-headers.js';
import { refusalError } from './refusal.js';
import { WindowClock } from './windows.js';

/** The counters one admitted request holds until it settles. */
export interface Admission {
  checks: LimitCheck[];
  labels: CheckLabel[];
  demand: Demand;
  credit: { ref: CreditAccountRef; amount: number } | undefined;
}

export interface GovernorOptions {
  limits: LimitStore;
  policies: PolicyCache;
  credits: CreditLedger;
  estimatePromptTokens: (request: CanonRequest) => Promise<number>;
  maxOutputOf: MaxOutputOf;
  /** Output tokens expected when a request sets no max_tokens (for the token-rate reservation). */
  defaultOutputTokens: number;
  /** Told when settling counters fails (a Redis store can); the request itself has already finished. */
  onSettleError: (error: unknown) => void;
  now?: () => number;
}

/**
 * Rate limits, budgets and credits around one request: `admit` reserves every counter before the
 * call (all or nothing), `finish` replaces the reservations by what the call really used.
 */
export class Governor {
  private readonly clock = new WindowClock();
  private readonly now: () => number;

  constructor(private readonly options: GovernorOptions) {
    this.now = options.now ?? Date.now;
  }

  async admit(context: RequestContext): Promise<void> {
    const { principal, request, plan } = context;
    if (!principal || !request || !plan) return;
    const applied = resolvePolicies(principal, this.options.policies);
    context.baselineModel = applied.baselineModel;
    const endUser = request.endUser;
    if (applied.requireCredits && endUser === undefined) {
      throw new GatewayError(
        'invalid_request',
        "This key's end users pay with prepaid credits: send the end user's id in the `user` field.",
        { param: 'user' },
      );
    }
    const demand: Demand = { tokens: 0, costMicros: 0 };
    if (applied.needsCost) {
      const prompt = await this.options.estimatePromptTokens(request);
      const maxOutput = request.sampling.maxOutputTokens;
      demand.tokens = prompt + (maxOutput ?? this.options.defaultOutputTokens);
      demand.costMicros = maxCostMicros(
        plan,
        prompt,
        maxOutput,
        this.options.maxOutputOf,
        this.options.defaultOutputTokens,
      );
    }
    const now = this.now();
    const { checks, labels } = buildChecks(principal, applied, endUser, demand, this.clock, now);
    let credit: Admission['credit'];
    if (applied.requireCredits && endUser !== undefined) {
      credit = { ref: { tenant: applied.tenant, endUser }, amount: demand.costMicros };
      checks.push({ kind: 'credits', key: creditAccounts.available(credit.ref), amount: credit.amount });
      labels.push({ scope: 'end user', name: endUser });
    }
    if (checks.length === 0) return;
    const result = await this.options.limits.acquire(checks, now);
    if (!result.granted) {
      const check = checks[result.failedIndex] as LimitCheck;
      const label = labels[result.failedIndex] as CheckLabel;
      if (check.kind === 'requests' || check.kind === 'tokens') {
        const limit = check.limitPerMinute;
        const resetMs = result.retryAfterMs ?? 60_000;
        const state: CounterState = { limit, remaining: result.available, resetMs };
        context.limitHeaders = {};
        writeRateLimitHeaders(
          context.limitHeaders,
          check.kind,
          state,
          label.scope === 'end user' ? '-user' : '',
        );
      }
      throw refusalError(check, label, result.available, result.retryAfterMs);
    }
    context.governance = { checks, labels, demand, credit };
    context.limitHeaders = rateLimitHeaders(checks, labels, result.states);
    if (credit) this.options.credits.recordHold(credit.ref, credit.amount, context.id);
  }

  /** Settles the counters of an admitted request (a no-op for one that was never admitted). */
  finish(context: RequestContext, result: SettledResult): void {
    const admission = context.governance;
    if (!admission) return;
    context.governance = undefined;
    const usage = result.usage;
    const tokens = usage ? usage.input.total + usage.output.total : 0;
    const cost = result.costMicros ?? 0;
    // The end user pays nothing when the provider failed, or when the client left before any output.
    const refund =
      result.outcome === 'error' ||
      result.outcome === 'incomplete' ||
      (result.outcome === 'aborted' && (usage?.output.total ?? 0) === 0);
    const charged = admission.credit ? Math.min(refund ? 0 : cost, admission.credit.amount) : 0;
    const used: Record<LimitCheck['kind'], number> = {
      requests: 1,
      tokens,
      concurrency: 0,
      budget: cost,
      credits: charged,
    };
    const actual = admission.checks.map((check) => used[check.kind]);
    this.options.limits
      .settle(admission.checks, actual, this.now())
      .catch((error: unknown) => this.options.onSettleError(error));
    if (admission.credit) {
      this.options.credits.recordFinish(
        admission.credit.ref,
        admission.credit.amount,
        charged,
        context.id,
        refund,
      );
    }
  }
}

/**
 * OpenAI's rate-limit headers: for requests and tokens, the tightest of the key's and team's
 * counters (the one the caller will hit first), and the end user's with a `-user` suffix.
 */
function rateLimitHeaders(
  checks: readonly LimitCheck[],
  labels: readonly CheckLabel[],
  states: readonly CounterState[],
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const unit of ['requests', 'tokens'] as const) {
    let tightest: CounterState | undefined;
    checks.forEach((check, index) => {
      if (check.kind !== unit) return;
      const state = states[index] as CounterState;
      if ((labels[index] as CheckLabel).scope === 'end user')
        writeRateLimitHeaders(headers, unit, state, '-user');
      else if (!tightest || state.remaining < tightest.remaining) tightest = state;
    });
    if (tightest) writeRateLimitHeaders(headers, unit, tightest);
  }
  return headers;
}
