import type { CanonUsage } from '../canon/usage.js';
import type { ModelPrice } from './types.js';

const microsPerDollar = 1_000_000n;
const tokensPerMillion = 1_000_000n;

/**
 * The cost of one call in integer micro-dollars, or null when the model's input or output price
 * is unknown (an unknown price is never reported as 0).
 *
 * cost = (uncachedInput × input + cacheRead × cachedInput + cacheWrite × cacheWrite + output × output)
 *        / 1e6, rounded half-up once at the end,
 * with prices in micro-dollars per million tokens and uncachedInput = input.total − cacheRead −
 * cacheWrite. BigInt keeps every product exact however large the token counts are.
 */
export function computeCostMicros(usage: CanonUsage, price: ModelPrice): number | null {
  const inputPrice = price.inputMicrosPerMillion;
  const outputPrice = price.outputMicrosPerMillion;
  if (inputPrice === null || outputPrice === null) return null;
  const inputTotal = toTokenCount(usage.input.total);
  const cacheRead = toTokenCount(usage.input.cacheRead);
  const cacheWrite = toTokenCount(usage.input.cacheWrite);
  const output = toTokenCount(usage.output.total);
  // `input.total` includes cache reads and writes. A provider that reports them inconsistently
  // (more cached than total) must not yield a negative charge: the cached counts are billed as
  // reported and nothing is left uncached.
  const uncachedInput = inputTotal > cacheRead + cacheWrite ? inputTotal - cacheRead - cacheWrite : 0n;
  // An unknown cache price falls back to the input price: that is what the provider bills when it
  // has no separate cache rate, and a slight over- or under-estimate beats reporting no cost at all
  // (cache writes may really cost more, e.g. 1.25× input at Anthropic).
  const cachedPrice = price.cachedInputMicrosPerMillion ?? inputPrice;
  const cacheWritePrice = price.cacheWriteMicrosPerMillion ?? inputPrice;
  const numerator =
    uncachedInput * BigInt(inputPrice) +
    cacheRead * BigInt(cachedPrice) +
    cacheWrite * BigInt(cacheWritePrice) +
    output * BigInt(outputPrice);
  // All terms are non-negative, so adding half the divisor before truncating is round-half-up.
  return Number((numerator + tokensPerMillion / 2n) / tokensPerMillion);
}

/**
 * Integer micro-dollars as a USD string with six decimals ("0.000123"), built from integer digits
 * so no binary float rounding can creep in. Fractional input is rounded to whole micro-dollars.
 */
export function formatUsd(micros: number): string {
  if (!Number.isFinite(micros)) throw new RangeError(`formatUsd: ${micros} is not a finite amount`);
  const whole = BigInt(Math.round(micros));
  const negative = whole < 0n;
  const magnitude = negative ? -whole : whole;
  const dollars = magnitude / microsPerDollar;
  const fraction = (magnitude % microsPerDollar).toString().padStart(6, '0');
  return `${negative ? '-' : ''}${dollars}.${fraction}`;
}

/** Token counts from upstreams are untrusted: negative, fractional or non-finite values are made safe. */
function toTokenCount(value: number | undefined): bigint {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return 0n;
  return BigInt(Math.round(value));
}
