import { GatewayError } from '../canon/index.js';
import { formatUsd } from '../catalog/index.js';
import type { CheckLabel } from './build-checks.js';
import type { LimitCheck } from './limit-store.js';

const periodWords = { day: 'daily', month: 'monthly', total: 'total' } as const;

/** The caller-facing error for the counter that refused: 429 for rate limits, 402 for money. */
export function refusalError(
  check: LimitCheck,
  label: CheckLabel,
  available: number,
  retryAfterMs: number | undefined,
): GatewayError {
  const who = `${label.scope} '${label.name}'`;
  const retry = retryAfterMs === undefined ? {} : { retryAfterMs };
  switch (check.kind) {
    case 'requests':
      return new GatewayError(
        'rate_limited',
        `Rate limit reached for ${who}: ${check.limitPerMinute} requests per minute. Retry after ${seconds(retryAfterMs)}.`,
        { ...retry, code: 'rate_limit_exceeded' },
      );
    case 'tokens':
      if (retryAfterMs === undefined) {
        return new GatewayError(
          'rate_limited',
          `This request needs about ${check.amount} tokens, more than the ${check.limitPerMinute} tokens per minute allowed for ${who}. Lower max_tokens or shorten the prompt.`,
          { code: 'tokens_exceeded' },
        );
      }
      return new GatewayError(
        'rate_limited',
        `Rate limit reached for ${who}: ${check.limitPerMinute} tokens per minute; this request needs about ${check.amount} and ${available} are available. Retry after ${seconds(retryAfterMs)}.`,
        { ...retry, code: 'tokens_exceeded' },
      );
    case 'concurrency':
      return new GatewayError(
        'rate_limited',
        `Too many concurrent requests for ${who}: at most ${check.limit} at once.`,
        { ...retry, code: 'concurrency_exceeded' },
      );
    case 'budget':
      return new GatewayError(
        'budget_exceeded',
        `Budget exceeded for ${who}: the ${periodWords[label.period ?? 'total']} budget of $${formatUsd(check.limitMicros)} has $${formatUsd(available)} left, and this request may cost up to $${formatUsd(check.amount)}.`,
        { code: 'budget_exceeded' },
      );
    case 'credits':
      return new GatewayError(
        'budget_exceeded',
        `Insufficient credits for ${who}: the balance is $${formatUsd(available)} and this request may cost up to $${formatUsd(check.amount)}. Top up the account to continue.`,
        { code: 'insufficient_credits' },
      );
  }
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? 'a while' : `${Math.max(1, Math.ceil(ms / 1000))}s`;
}
