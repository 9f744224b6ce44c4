import { describe, expect, it } from 'vitest';
import { levelAt, msUntil } from './token-bucket.js';

describe('levelAt', () => {
  it('is full for a bucket never used', () => {
    expect(levelAt(undefined, 120, 5)).toBe(120);
  });

  it('refills limit units per minute since the last update, capped at the limit', () => {
    const bucket = { level: 10, at: 1_000 };
    expect(levelAt(bucket, 120, 1_000)).toBe(10);
    expect(levelAt(bucket, 120, 1_500)).toBe(11);
    expect(levelAt(bucket, 120, 31_000)).toBe(70);
    expect(levelAt(bucket, 120, 10_000_000)).toBe(120);
  });

  it('refills a negative level (an overrun) the same way', () => {
    expect(levelAt({ level: -60, at: 0 }, 60, 30_000)).toBe(-30);
  });
});

describe('msUntil', () => {
  it('is zero when the level already reaches the target', () => {
    expect(msUntil(5, 5, 60)).toBe(0);
    expect(msUntil(7, 5, 60)).toBe(0);
  });

  it('rounds the wait up to a whole millisecond', () => {
    // One unit per second at 60/min: 0.25 units missing → 250 ms.
    expect(msUntil(0.75, 1, 60)).toBe(250);
    // 7 per minute: one unit takes 8571.43 ms.
    expect(msUntil(0, 1, 7)).toBe(8_572);
    expect(msUntil(-10, 0, 600)).toBe(1_000);
  });
});
