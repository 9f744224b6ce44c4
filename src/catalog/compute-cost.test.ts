import { describe, expect, it } from 'vitest';
import type { CanonUsage } from '../canon/usage.js';
import { computeCostMicros, formatUsd } from './compute-cost.js';
import type { ModelPrice } from './types.js';

function price(
  input: number | null,
  output: number | null,
  cached: number | null = null,
  cacheWrite: number | null = null,
): ModelPrice {
  return {
    inputMicrosPerMillion: input,
    outputMicrosPerMillion: output,
    cachedInputMicrosPerMillion: cached,
    cacheWriteMicrosPerMillion: cacheWrite,
  };
}

function usage(input: number, output: number, cacheRead?: number, cacheWrite?: number): CanonUsage {
  const result: CanonUsage = { input: { total: input }, output: { total: output } };
  if (cacheRead !== undefined) result.input.cacheRead = cacheRead;
  if (cacheWrite !== undefined) result.input.cacheWrite = cacheWrite;
  return result;
}

const gpt4oMini = price(150_000, 600_000, 75_000);

describe('computeCostMicros', () => {
  it('prices plain input and output', () => {
    // 1000 × $0.15/M + 500 × $0.60/M = $0.00015 + $0.0003
    expect(computeCostMicros(usage(1000, 500), gpt4oMini)).toBe(450);
  });

  it('prices cache reads at the cached rate and only the rest at the input rate', () => {
    // 800 × 0.15 + 200 × 0.075 + 500 × 0.60 = 120 + 15 + 300 micro-dollars
    expect(computeCostMicros(usage(1000, 500, 200), gpt4oMini)).toBe(435);
  });

  it('prices cache writes at their own rate', () => {
    // $3 in, $15 out, $0.30 cache read, $3.75 cache write per million:
    // 2000 × 3 + 6000 × 0.30 + 2000 × 3.75 + 1000 × 15 = 6000 + 1800 + 7500 + 15000
    const sonnetLike = price(3_000_000, 15_000_000, 300_000, 3_750_000);
    expect(computeCostMicros(usage(10_000, 1000, 6000, 2000), sonnetLike)).toBe(30_300);
  });

  it('falls back to the input price when a cache price is unknown', () => {
    // 60 uncached + 40 cache reads (no cached rate) + 5 cache writes (no write rate), all at $1/M,
    // plus 10 output at $2/M: (105 × 1_000_000 + 10 × 2_000_000) / 1e6 = 125
    expect(computeCostMicros(usage(105, 10, 40, 5), price(1_000_000, 2_000_000))).toBe(125);
  });

  it('rounds half up', () => {
    expect(computeCostMicros(usage(3, 0), price(500_000, 0))).toBe(2); // 1.5 → 2
    expect(computeCostMicros(usage(1, 0), price(2_500_000, 0))).toBe(3); // 2.5 → 3, not banker's 2
    expect(computeCostMicros(usage(1, 0), price(499_999, 0))).toBe(0); // 0.499999 → 0
    expect(computeCostMicros(usage(1, 0), price(500_000, 0))).toBe(1); // 0.5 → 1
  });

  it('rounds once at the end, not per component', () => {
    // 0.5 + 0.5 = 1; rounding each part first would give 2.
    expect(computeCostMicros(usage(1, 1), price(500_000, 500_000))).toBe(1);
    // 0.4 + 0.4 = 0.8 → 1; rounding each part first would give 0.
    expect(computeCostMicros(usage(1, 1), price(400_000, 400_000))).toBe(1);
  });

  it('stays exact for token counts whose products exceed 2^53', () => {
    // 10^12 tokens at $75/M = $75,000,000; the product 7.5e19 is far above 2^53.
    expect(computeCostMicros(usage(1_000_000_000_000, 0), price(75_000_000, 0))).toBe(75_000_000_000_000);
    // 123456789012 × 2.5 + 98765432109 × 10 dollars-per-million, exactly:
    expect(computeCostMicros(usage(123_456_789_012, 98_765_432_109), price(2_500_000, 10_000_000))).toBe(
      1_296_296_293_620,
    );
    // 333333333333 × 3 / 1e6 = 999999.999999 → 1000000
    expect(computeCostMicros(usage(333_333_333_333, 0), price(3, 0))).toBe(1_000_000);
  });

  it('returns null when the input or output price is unknown, even for zero tokens', () => {
    expect(computeCostMicros(usage(1000, 500), price(null, 600_000))).toBeNull();
    expect(computeCostMicros(usage(1000, 500), price(150_000, null))).toBeNull();
    expect(computeCostMicros(usage(0, 0), price(null, null))).toBeNull();
  });

  it('returns 0 for a known zero price', () => {
    expect(computeCostMicros(usage(123_456, 7890, 100), price(0, 0, 0))).toBe(0);
  });

  it('never charges negative uncached input when cache counts exceed the total', () => {
    // 20 cache reads at $0.50/M = 10 micro-dollars; uncached input clamps to 0 instead of −10 tokens.
    expect(computeCostMicros(usage(10, 0, 20), price(1_000_000, 0, 500_000))).toBe(10);
  });

  it('treats negative, fractional and non-finite token counts safely', () => {
    expect(computeCostMicros(usage(-5, Number.NaN), price(1_000_000, 1_000_000))).toBe(0);
    expect(computeCostMicros(usage(2.6, 0), price(1_000_000, 0))).toBe(3);
  });
});

describe('formatUsd', () => {
  it.each([
    [0, '0.000000'],
    [123, '0.000123'],
    [435, '0.000435'],
    [1_000_000, '1.000000'],
    [1_234_567, '1.234567'],
    [75_000_000_000_000, '75000000.000000'],
    [-5, '-0.000005'],
    [-1_500_000, '-1.500000'],
    [1.5, '0.000002'],
  ])('formats %s micro-dollars as %s', (micros, expected) => {
    expect(formatUsd(micros)).toBe(expected);
  });

  it('has no float drift where decimal arithmetic would show one', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; in micro-dollars it is 300000.
    expect(formatUsd(100_000 + 200_000)).toBe('0.300000');
  });

  it('rejects amounts that are not finite', () => {
    expect(() => formatUsd(Number.NaN)).toThrow(RangeError);
    expect(() => formatUsd(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
