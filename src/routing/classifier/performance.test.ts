import { describe, expect, it } from 'vitest';
import { classifyText } from './index.js';

// A 2 KB prompt mixing prose, code and maths, so every branch of the scanner runs.
const UNIT = [
  'Here is the function that computes the running average; it fails for empty input.',
  '```python',
  'def running_average(values):',
  '    total = 0',
  '    for index, value in enumerate(values):',
  '        total += value',
  '        yield total / (index + 1)',
  '```',
  'Speaker A: we measured 12.5 ms per call, and 3 * 4 = 12 requests per second.',
  'Can you summarise the trade-offs and fix it? Let $x^2 + 1 = 0$ be a side note.',
].join('\n');

function textOf(size: number): string {
  return `${UNIT}\n`.repeat(Math.ceil(size / (UNIT.length + 1))).slice(0, size);
}

/** Median over several rounds of the mean time per call, in milliseconds. */
function timePerCall(text: string, calls: number): number {
  const rounds: number[] = [];
  for (let round = 0; round < 7; round++) {
    const start = performance.now();
    for (let call = 0; call < calls; call++) classifyText(text);
    rounds.push((performance.now() - start) / calls);
  }
  rounds.sort((a, b) => a - b);
  return rounds[3] ?? 0;
}

describe('classifier cost', () => {
  it('grows at most linearly: 100 KB costs at most ~60x what 2 KB costs', () => {
    const small = textOf(2_048);
    const medium = textOf(30_000);
    const large = textOf(100_000);
    for (let warm = 0; warm < 200; warm++) {
      classifyText(small);
      classifyText(medium);
      classifyText(large);
    }
    const smallTime = timePerCall(small, 400);
    expect(timePerCall(large, 40)).toBeLessThanOrEqual(smallTime * 60);
    // Below the length that settles long_context outright, the scanned window is what bounds the cost.
    expect(timePerCall(medium, 40)).toBeLessThanOrEqual(smallTime * 60);
  });

  it('has no pathological inputs (no backtracking blow-up, no quadratic loops)', () => {
    const inputs = [
      'a'.repeat(30_000),
      '\n'.repeat(30_000),
      '\\'.repeat(30_000),
      '((((('.repeat(6_000),
      'def f(\n'.repeat(4_000),
      'Speaker: '.repeat(3_000),
      '1+'.repeat(15_000),
      `${'x '.repeat(14_000)}?`,
    ];
    for (const input of inputs) {
      const start = performance.now();
      for (let run = 0; run < 5; run++) classifyText(input);
      expect((performance.now() - start) / 5).toBeLessThan(20);
    }
  });
});
