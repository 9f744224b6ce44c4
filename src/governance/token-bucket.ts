/**
 * A token bucket of `limit` units refilled evenly over a minute: the rate-limit shape OpenAI's
 * `x-ratelimit-*` headers describe (remaining units, time until the bucket is full again).
 */
export interface Bucket {
  level: number;
  at: number;
}

const minuteMs = 60_000;

/** The bucket's level at `now`, refilled since its last update and capped at the limit. */
export function levelAt(bucket: Bucket | undefined, limit: number, now: number): number {
  if (!bucket) return limit;
  const refilled = bucket.level + ((now - bucket.at) * limit) / minuteMs;
  return Math.min(refilled, limit);
}

/** Milliseconds until `level` has refilled to `target`. */
export function msUntil(level: number, target: number, limit: number): number {
  if (level >= target) return 0;
  return Math.ceil(((target - level) * minuteMs) / limit);
}
