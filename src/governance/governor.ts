import type { Principal } from '../auth/index.js';
import type { CanonRequest } from '../canon/index.js';
import { GatewayError } from '../canon/index.js';
import type { RequestContext } from '../pipeline/context.js';
import type { SettledResult } from '../pipeline/stages/settle.js';
import {
  type AppliedPolicies,
  buildChecks,
  type CheckLabel,
  type Demand,
  resolvePolicies,
} from './build-checks.js';
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

export interface AdmitInput {
  requestId: string;
  principal: Principal;
  endUser: string | undefined;
  /**
   * The request's token estimate and maximum cost; omitted when they cannot be known up front.
   * Asked first for a fast, generous guess (`exact` false), and for the exact count only when the
   * guess does not fit a counter.
   */
  demand?: (exact: boolean) => Promise<Demand>;
  /** Receives the `x-ratelimit-*` headers (on success and on a rate-limit refusal). */
  onHeaders?: (headers: Record<string, string>) => void;
  /** Receives the savings baseline the policies name. */
  onBaseline?: (model: string | undefined) => void;
}

export interface SettleInput {
  requestId: string;
  tokens: number;
  costMicros: number;
  /** The caller is not charged (provider failure, or the client left before any output). */
  refund: boolean;
}

export interface GovernorOptions {
  limits: LimitStore;
  policies: PolicyCache;
  credits: CreditLedger;
  estimatePromptTokens: (request: CanonRequest) => Promise<number>;
  /** A fast upper-side guess of the prompt tokens (no tokenizer). */
  guessPromptTokens: (request: CanonRequest) => number;
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

  /** The chat pipeline's admission: demand from the prompt estimate and the plan's maximum cost. */
  async admit(context: RequestContext): Promise<void> {
    const { principal, request, plan } = context;
    if (!principal || !request || !plan) return;
    const admitted = await this.admitWith({
      requestId: context.id,
      principal,
      endUser: request.endUser,
      demand: async (exact) => {
        const prompt = exact
          ? await this.options.estimatePromptTokens(request)
          : this.options.guessPromptTokens(request);
        const maxOutput = request.sampling.maxOutputTokens;
        return {
          tokens: prompt + (maxOutput ?? this.options.defaultOutputTokens),
          costMicros: maxCostMicros(
            plan,
            prompt,
            maxOutput,
            this.options.maxOutputOf,
            this.options.defaultOutputTokens,
          ),
        };
      },
      onHeaders: (headers) => {
        context.limitHeaders = headers;
      },
      onBaseline: (model) => {
        context.baselineModel = model;
      },
    });
    context.governance = admitted;
  }

  /** Settles the chat pipeline's admission from the settled result (a no-op when none was taken). */
  finish(context: RequestContext, result: SettledResult): void {
    const admission = context.governance;
    if (!admission) return;
    context.governance = undefined;
    const usage = result.usage;
    // The end user pays nothing when the provider failed, or when the client left before any output.
    const refund =
      result.outcome === 'error' ||
      result.outcome === 'incomplete' ||
      (result.outcome === 'aborted' && (usage?.output.total ?? 0) === 0);
    this.settleWith(admission, {
      requestId: context.id,
      tokens: usage ? usage.input.total + usage.output.total : 0,
      costMicros: result.costMicros ?? 0,
      refund,
    });
  }

  /**
   * Takes every counter the caller's policies name, all or none. `demand` is asked only when a
   * counter needs tokens or cost; without it (endpoints whose cost has no ceiling before the call)
   * nothing is reserved and the real use is charged when settling. Throws the caller-facing refusal.
   */
  async admitWith(input: AdmitInput): Promise<Admission | undefined> {
    const { principal, endUser } = input;
    const applied = resolvePolicies(principal, this.options.policies);
    input.onBaseline?.(applied.baselineModel);
    if (applied.requireCredits && endUser === undefined) {
      throw new GatewayError(
        'invalid_request',
        "This key's end users pay with prepaid credits: send the end user's id in the `user` field.",
        { param: 'user' },
      );
    }
    const wantsDemand = applied.needsCost && input.demand !== undefined;
    let demand: Demand = wantsDemand
      ? await (input.demand as NonNullable<AdmitInput['demand']>)(false)
      : noDemand;
    let attempt = await this.acquire(principal, applied, endUser, demand);
    if (
      attempt &&
      !attempt.result.granted &&
      wantsDemand &&
      demandCounted(attempt.checks[attempt.result.failedIndex])
    ) {
      // The guess did not fit: count exactly before refusing, since the real demand may well fit.
      demand = await (input.demand as NonNullable<AdmitInput['demand']>)(true);
      attempt = await this.acquire(principal, applied, endUser, demand);
    }
    if (!attempt) return undefined;
    const { checks, labels, credit, result } = attempt;
    if (!result.granted) {
      const check = checks[result.failedIndex] as LimitCheck;
      const label = labels[result.failedIndex] as CheckLabel;
      if (check.kind === 'requests' || check.kind === 'tokens') {
        const state: CounterState = {
          limit: check.limitPerMinute,
          remaining: result.available,
          resetMs: result.retryAfterMs ?? 60_000,
        };
        const headers: Record<string, string> = {};
        writeRateLimitHeaders(headers, check.kind, state, label.scope === 'end user' ? '-user' : '');
        input.onHeaders?.(headers);
      }
      throw refusalError(check, label, result.available, result.retryAfterMs);
    }
    input.onHeaders?.(rateLimitHeaders(checks, labels, result.states));
    if (credit) this.options.credits.recordHold(credit.ref, credit.amount, input.requestId);
    return { checks, labels, demand, credit };
  }

  /** Builds the request's counters for `demand` and takes them (undefined when no counter applies). */
  private async acquire(
    principal: Principal,
    applied: AppliedPolicies,
    endUser: string | undefined,
    demand: Demand,
  ) {
    const now = this.now();
    const { checks, labels } = buildChecks(principal, applied, endUser, demand, this.clock, now);
    let credit: Admission['credit'];
    if (applied.requireCredits && endUser !== undefined) {
      credit = { ref: { tenant: applied.tenant, endUser }, amount: demand.costMicros };
      checks.push({ kind: 'credits', key: creditAccounts.available(credit.ref), amount: credit.amount });
      labels.push({ scope: 'end user', name: endUser });
    }
    if (checks.length === 0) return undefined;
    return { checks, labels, credit, result: await this.options.limits.acquire(checks, now) };
  }

  /** Replaces an admission's reservations by what the request really used. */
  settleWith(admission: Admission, used: SettleInput): void {
    const charged = admission.credit ? this.charge(admission, used) : 0;
    const amounts: Record<LimitCheck['kind'], number> = {
      requests: 1,
      tokens: used.tokens,
      concurrency: 0,
      budget: used.costMicros,
      credits: charged,
    };
    this.options.limits
      .settle(
        admission.checks,
        admission.checks.map((check) => amounts[check.kind]),
        this.now(),
      )
      .catch((error: unknown) => this.options.onSettleError(error));
    if (admission.credit) {
      this.options.credits.recordFinish(
        admission.credit.ref,
        admission.credit.amount,
        charged,
        used.requestId,
        used.refund,
      );
    }
  }

  /**
   * What the end user pays: nothing on a refund; else the real cost, capped at the hold when one was
   * reserved (the ceiling is what the user agreed to), or the real cost when nothing could be held.
   */
  private charge(admission: Admission, used: SettleInput): number {
    if (used.refund) return 0;
    const held = admission.credit?.amount ?? 0;
    return held > 0 ? Math.min(used.costMicros, held) : used.costMicros;
  }
}

const noDemand: Demand = { tokens: 0, costMicros: 0 };

/** Counters whose amount depends on the demand (so an exact count may change their answer). */
function demandCounted(check: LimitCheck | undefined): boolean {
  return check?.kind === 'tokens' || check?.kind === 'budget' || check?.kind === 'credits';
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
