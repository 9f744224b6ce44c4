import { describe, expect, it } from 'vitest';
import { formatReset, writeRateLimitHeaders } from './rate-limit-headers.js';

describe('formatReset', () => {
  it.each([
    [0, '0s'],
    [-20, '0s'],
    [1, '1ms'],
    [250, '250ms'],
    [999, '999ms'],
    [0.4, '1ms'],
    [999.5, '1s'],
    [1_000, '1s'],
    [1_500, '1.5s'],
    [1_234, '1.234s'],
    [59_999, '59.999s'],
    [59_999.5, '1m0s'],
    [60_000, '1m0s'],
    [61_000, '1m1s'],
    [61_001, '1m2s'],
    [119_500, '2m0s'],
    [360_000, '6m0s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatReset(ms)).toBe(text);
  });
});

describe('writeRateLimitHeaders', () => {
  it("writes OpenAI's names, with a suffix for end-user counters and remaining never negative", () => {
    const headers: Record<string, string> = {};
    writeRateLimitHeaders(headers, 'requests', { limit: 60, remaining: 59, resetMs: 1_000 });
    writeRateLimitHeaders(headers, 'tokens', { limit: 1_000, remaining: -40, resetMs: 6_000 }, '-user');
    expect(headers).toEqual({
      'x-ratelimit-limit-requests': '60',
      'x-ratelimit-remaining-requests': '59',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-limit-tokens-user': '1000',
      'x-ratelimit-remaining-tokens-user': '0',
      'x-ratelimit-reset-tokens-user': '6s',
    });
  });
});
