import type { CounterState } from './limit-store.js';

/** A duration the way OpenAI writes `x-ratelimit-reset-*`: `250ms`, `1.5s`, `6m0s`. */
export function formatReset(ms: number): string {
  if (ms <= 0) return '0s';
  if (ms < 1_000) return `${Math.ceil(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1_000).toFixed(3))}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.ceil((ms % 60_000) / 1_000);
  return seconds === 60 ? `${minutes + 1}m0s` : `${minutes}m${seconds}s`;
}

/**
 * `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` (OpenAI's names) for one counter, with a
 * suffix for the end-user variants (`…-requests-user`).
 */
export function writeRateLimitHeaders(
  headers: Record<string, string>,
  unit: 'requests' | 'tokens',
  state: CounterState,
  suffix = '',
): void {
  headers[`x-ratelimit-limit-${unit}${suffix}`] = String(state.limit);
  headers[`x-ratelimit-remaining-${unit}${suffix}`] = String(Math.max(0, state.remaining));
  headers[`x-ratelimit-reset-${unit}${suffix}`] = formatReset(state.resetMs);
}
