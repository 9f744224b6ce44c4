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

type HeaderNames = { limit: string; remaining: string; reset: string };

/** Header names per unit and suffix, built once: this runs for every governed request. */
const names = { requests: new Map<string, HeaderNames>(), tokens: new Map<string, HeaderNames>() };

function namesOf(unit: 'requests' | 'tokens', suffix: string): HeaderNames {
  let known = names[unit].get(suffix);
  if (!known) {
    known = {
      limit: `x-ratelimit-limit-${unit}${suffix}`,
      remaining: `x-ratelimit-remaining-${unit}${suffix}`,
      reset: `x-ratelimit-reset-${unit}${suffix}`,
    };
    names[unit].set(suffix, known);
  }
  return known;
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
  const name = namesOf(unit, suffix);
  headers[name.limit] = String(state.limit);
  headers[name.remaining] = String(Math.max(0, state.remaining));
  headers[name.reset] = formatReset(state.resetMs);
}
