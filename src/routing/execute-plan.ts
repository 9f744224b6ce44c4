import {
  type AttemptRecord,
  type CanonEvent,
  type CanonRequest,
  type CanonResponse,
  GatewayError,
  type Warning,
} from '../canon/index.js';
import type { Cancellation } from '../http/index.js';
import { decide } from './decide.js';
import { runHedged } from './hedge.js';
import type { RetryPolicy, RoutePlan, RouteTarget } from './plan.js';
import type { AttemptSuccess } from './run-attempt.js';
import { abortReason, sleep } from './sleep.js';
import { withStreamRescue } from './stream-rescue.js';
import { type ExecutionDependencies, tryTarget } from './try-target.js';

export type { ExecutionDependencies } from './try-target.js';

/** The answer and how it was obtained. */
export type ExecutionResult = (
  | { kind: 'response'; response: CanonResponse }
  | { kind: 'stream'; events: AsyncIterable<CanonEvent>; ttftMs: number }
) & { target: RouteTarget; attempts: AttemptRecord[]; fallbackUsed: boolean; warnings: Warning[] };

interface Candidate {
  target: RouteTarget;
  retry: RetryPolicy;
}

/**
 * Tries the plan's deployments in order until one answers (for streams: until one commits), following
 * the decision table (docs/decisions/0003), with optional hedging of the first two and rescue of a
 * committed stream. `attempts` fills as it goes, so a caller that catches still sees them.
 */
export async function executePlan(
  request: CanonRequest,
  plan: RoutePlan,
  signal: Cancellation,
  attempts: AttemptRecord[],
  dependencies: ExecutionDependencies,
  onRescued: (target: RouteTarget) => void = () => {},
): Promise<ExecutionResult> {
  const candidates: Candidate[] = plan.groups.flatMap((group) =>
    group.targets.map((target) => ({ target, retry: group.retry })),
  );
  const deadline = Date.now() + plan.timeouts.totalMs;
  const attempt = (target: RouteTarget, attemptSignal: Cancellation) =>
    tryTarget(request, target, plan.timeouts, attemptSignal, attempts, dependencies);
  const finish = (success: AttemptSuccess, index: number): ExecutionResult => {
    const target = (candidates[index] as Candidate).target;
    const common = { target, attempts, fallbackUsed: index > 0, warnings: success.warnings };
    if (success.kind === 'response') return { kind: 'response', response: success.response, ...common };
    const fallbacks = candidates.slice(index + 1).map((candidate) => candidate.target);
    const events =
      plan.rescue && fallbacks.length > 0
        ? withStreamRescue(success.events, {
            request,
            fallbacks,
            timeouts: plan.timeouts,
            signal,
            attempts,
            dependencies,
            onRescued,
          })
        : success.events;
    return { kind: 'stream', events, ttftMs: success.ttftMs, ...common };
  };

  let lastError: GatewayError | undefined;
  let minimumContext: number | undefined;
  let start = 0;
  if (plan.hedgeAfterMs !== undefined && candidates.length >= 2) {
    const pair: [RouteTarget, RouteTarget] = [
      (candidates[0] as Candidate).target,
      (candidates[1] as Candidate).target,
    ];
    const outcome = await runHedged(pair, plan.hedgeAfterMs, signal, attempt);
    if (outcome.kind === 'won') return finish(outcome.success, outcome.winner);
    lastError = outcome.errors.at(-1);
    if (lastError?.kind === 'client_closed' || signal.aborted) throw abortReason(signal);
    start = outcome.tried;
  }
  for (let index = start; index < candidates.length; index++) {
    const candidate = candidates[index] as Candidate;
    const { target } = candidate;
    if (minimumContext !== undefined && (target.facts.contextWindow ?? 0) <= minimumContext) continue;
    // Health may have changed since the plan was made (another request opened the breaker).
    if (index > 0 && dependencies.health.unavailable(target.deployment)) continue;
    for (let tryOnTarget = 1; ; tryOnTarget++) {
      if (signal.aborted) throw abortReason(signal);
      try {
        return finish(await attempt(target, signal), index);
      } catch (thrown) {
        const error =
          thrown instanceof GatewayError
            ? thrown
            : new GatewayError('internal', String(thrown), { cause: thrown });
        if (error.kind === 'client_closed') throw error;
        lastError = error;
        const decision = decide(error, {
          tryOnTarget,
          policy: candidate.retry,
          remainingMs: deadline - Date.now(),
          otherTargetsLeft: index < candidates.length - 1,
          maxRetryAfterMs: dependencies.maxRetryAfterMs,
        });
        if (decision.action === 'give-up') throw finalError(error, attempts);
        if (decision.action === 'retry-same-target') {
          await sleep(decision.waitMs, signal);
          continue;
        }
        if (decision.action === 'next-larger-context') {
          minimumContext = Math.max(minimumContext ?? 0, target.facts.contextWindow ?? 0);
        }
        break;
      }
    }
  }
  if (!lastError) {
    throw new GatewayError('all_targets_failed', `no configured deployment could serve '${plan.requested}'`, {
      attempts,
    });
  }
  throw finalError(lastError, attempts);
}

/**
 * The caller sees the last failure's kind (so a 429 stays a 429 and a timeout a 504) with every attempt
 * listed in the message when there was more than one.
 */
function finalError(last: GatewayError, attempts: AttemptRecord[]): GatewayError {
  if (attempts.length <= 1) return new GatewayError(last.kind, last.message, { ...last.details, attempts });
  const summary = attempts
    .map(
      (attempt) =>
        `${attempt.deployment}: ${attempt.errorKind ?? 'ok'}${attempt.status ? ` (${attempt.status})` : ''}`,
    )
    .join('; ');
  return new GatewayError(
    last.kind,
    `All ${attempts.length} attempts failed (${summary}). Last error: ${last.message}`,
    {
      ...last.details,
      attempts,
    },
  );
}
