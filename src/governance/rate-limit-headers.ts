import type { CounterState } from './limit-store.js';

/** A duration the way OpenAI writes `x-ratelimit-reset-*`: `250ms`, `1.5s`, `6m0s`. */
export function formatReset(ms: number): string {
  if (ms <= 0) return '0s';
  // Whole milliseconds first (never shortening the wait), so 999.5 ms reads `1s`, not `1000ms`.
  const whole = Math.ceil(ms);
  if (whole < 1_000) return `${whole}ms`;
  if (whole < 60_000) return `${whole / 1_000}s`;
  const minutes = Math.floor(whole / 60_000);
  const seconds = Math.ceil((whole % 60_000) / 1_000);
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
