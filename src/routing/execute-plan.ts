import {
  type AttemptRecord,
  type CanonEvent,
  type CanonRequest,
  type CanonResponse,
  GatewayError,
  type Warning,
} from '../canon/index.js';
import type { Cancellation, HttpClient } from '../http/index.js';
import type { ProviderAdapter } from '../providers/provider.js';
import { decide } from './decide.js';
import type { RetryPolicy, RoutePlan, RouteTarget } from './plan.js';
import { runAttempt } from './run-attempt.js';
import { abortReason, sleep } from './sleep.js';

/** What the executor needs besides the plan. */
export interface ExecutionDependencies {
  adapters: ReadonlyMap<string, ProviderAdapter>;
  http: HttpClient;
  /** Context window of a deployment, when the catalog knows it. */
  contextWindowOf(target: RouteTarget): number | undefined;
  maxRetryAfterMs: number;
}

/** The answer and how it was obtained. */
export type ExecutionResult = (
  | { kind: 'response'; response: CanonResponse }
  | { kind: 'stream'; events: AsyncIterable<CanonEvent>; ttftMs: number }
) & { target: RouteTarget; attempts: AttemptRecord[]; fallbackUsed: boolean; warnings: Warning[] };

interface Candidate {
  target: RouteTarget;
  retry: RetryPolicy;
  groupIndex: number;
}

/**
 * Tries the plan's deployments in order until one answers (for streams: until one commits), following
 * the decision table. `attempts` is filled as it goes, so a caller that catches still sees them.
 */
export async function executePlan(
  request: CanonRequest,
  plan: RoutePlan,
  signal: Cancellation,
  attempts: AttemptRecord[],
  dependencies: ExecutionDependencies,
): Promise<ExecutionResult> {
  const candidates: Candidate[] = plan.groups.flatMap((group, groupIndex) =>
    group.targets.map((target) => ({ target, retry: group.retry, groupIndex })),
  );
  const deadline = Date.now() + plan.timeouts.totalMs;
  let lastError: GatewayError | undefined;
  let minimumContext: number | undefined;
  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index] as Candidate;
    const { target } = candidate;
    if (minimumContext !== undefined && (dependencies.contextWindowOf(target) ?? 0) <= minimumContext)
      continue;
    const adapter = dependencies.adapters.get(target.provider);
    if (!adapter) continue;
    for (let tryOnTarget = 1; ; tryOnTarget++) {
      if (signal.aborted) throw abortReason(signal);
      const startedAt = Date.now();
      try {
        const success = await runAttempt({
          request,
          target,
          adapter,
          http: dependencies.http,
          timeouts: plan.timeouts,
          signal,
        });
        const record: AttemptRecord = {
          provider: target.provider,
          model: target.model,
          deployment: target.deployment,
          startedAt,
          durationMs: Date.now() - startedAt,
          status: success.status,
          outcome: 'success',
        };
        if (success.kind === 'stream') record.ttftMs = Math.round(success.ttftMs);
        attempts.push(record);
        const common = { target, attempts, fallbackUsed: index > 0, warnings: success.warnings };
        return success.kind === 'response'
          ? { kind: 'response', response: success.response, ...common }
          : { kind: 'stream', events: success.events, ttftMs: success.ttftMs, ...common };
      } catch (thrown) {
        const error =
          thrown instanceof GatewayError
            ? thrown
            : new GatewayError('internal', String(thrown), { cause: thrown });
        attempts.push(failureRecord(target, startedAt, error));
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
          minimumContext = Math.max(minimumContext ?? 0, dependencies.contextWindowOf(target) ?? 0);
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

function failureRecord(target: RouteTarget, startedAt: number, error: GatewayError): AttemptRecord {
  const record: AttemptRecord = {
    provider: target.provider,
    model: target.model,
    deployment: target.deployment,
    startedAt,
    durationMs: Date.now() - startedAt,
    errorKind: error.kind,
    errorMessage: error.message,
    outcome: error.kind === 'client_closed' ? 'aborted' : 'failure',
  };
  if (error.details.upstreamStatus !== undefined) record.status = error.details.upstreamStatus;
  return record;
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
        `${attempt.provider}/${attempt.model}: ${attempt.errorKind ?? 'ok'}${attempt.status ? ` (${attempt.status})` : ''}`,
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
