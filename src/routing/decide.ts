import type { GatewayError } from '../canon/index.js';
import type { RetryPolicy } from './plan.js';

/** What to do after a failed attempt. */
export type Decision =
  | { action: 'retry-same-target'; waitMs: number }
  | { action: 'next-target' }
  | { action: 'next-larger-context' }
  | { action: 'give-up' };

/** Facts about the failed attempt the decision depends on. */
export interface AttemptSituation {
  /** 1 for the first try on this target. */
  tryOnTarget: number;
  policy: RetryPolicy;
  /** Milliseconds left before the request's deadline. */
  remainingMs: number;
  /** Whether any other target is still untried. */
  otherTargetsLeft: boolean;
  /** Longest Retry-After the gateway is willing to wait on one target. */
  maxRetryAfterMs: number;
  random?: () => number;
}

/**
 * The decision table by error kind (docs/decisions/0003). Errors the caller must fix, and content
 * refusals, are never retried; a silent upstream is not retried on the same route; 429 waits for
 * Retry-After only when nothing else is left and the wait fits the deadline.
 */
export function decide(error: GatewayError, situation: AttemptSituation): Decision {
  switch (error.kind) {
    case 'upstream_rate_limited': {
      const waitMs = error.details.retryAfterMs;
      if (situation.otherTargetsLeft) return { action: 'next-target' };
      if (
        waitMs !== undefined &&
        situation.tryOnTarget === 1 &&
        waitMs <= situation.maxRetryAfterMs &&
        waitMs < situation.remainingMs
      ) {
        return { action: 'retry-same-target', waitMs };
      }
      return { action: 'give-up' };
    }
    case 'upstream_overloaded':
    case 'upstream_unavailable':
    case 'upstream_protocol':
      if (situation.tryOnTarget < situation.policy.attempts) {
        const waitMs = backoff(
          situation.policy.backoffMs,
          situation.tryOnTarget,
          situation.random ?? Math.random,
        );
        if (waitMs < situation.remainingMs) return { action: 'retry-same-target', waitMs };
      }
      return { action: 'next-target' };
    case 'upstream_timeout':
    case 'upstream_auth':
      return { action: 'next-target' };
    case 'context_length_exceeded':
      return { action: 'next-larger-context' };
    default:
      return { action: 'give-up' };
  }
}

/** Exponential backoff with full jitter on the upper half, so retries from many callers spread out. */
export function backoff(baseMs: number, tryOnTarget: number, random: () => number): number {
  const ceiling = baseMs * 2 ** (tryOnTarget - 1);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
