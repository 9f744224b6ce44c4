import { describe, expect, it } from 'vitest';
import { encodeOpenAiFinishReason, mapOpenAiFinishReason } from './map-finish-reason.js';
import { encodeOpenAiUsage, mapOpenAiUsage } from './map-usage.js';

describe('OpenAI usage ↔ canonical', () => {
  it('reads cache reads and writes inside the prompt total, and reasoning inside the completion total', () => {
    const usage = mapOpenAiUsage({
      prompt_tokens: 120,
      completion_tokens: 40,
      total_tokens: 160,
      prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 15 },
      completion_tokens_details: { reasoning_tokens: 30 },
    });
    expect(usage).toMatchObject({
      input: { total: 120, cacheRead: 100, cacheWrite: 15 },
      output: { total: 40, reasoning: 30 },
    });
  });

  it("reads DeepSeek's prompt_cache_hit_tokens as cache reads when prompt_tokens_details is absent", () => {
    const deepseek = {
      prompt_tokens: 1_000,
      completion_tokens: 2_000,
      total_tokens: 3_000,
      prompt_cache_hit_tokens: 800,
      prompt_cache_miss_tokens: 200,
      completion_tokens_details: { reasoning_tokens: 1_500 },
    };
    expect(mapOpenAiUsage(deepseek)).toMatchObject({
      input: { total: 1_000, cacheRead: 800 },
      output: { total: 2_000, reasoning: 1_500 },
    });
    // When both are present, OpenAI's field is the one read.
    const both = { ...deepseek, prompt_tokens_details: { cached_tokens: 640 } };
    expect(mapOpenAiUsage(both)?.input.cacheRead).toBe(640);
  });

  it('ignores an absent or unusable usage object rather than inventing zeros', () => {
    expect(mapOpenAiUsage(undefined)).toBeUndefined();
    expect(mapOpenAiUsage({ prompt_tokens: -1, completion_tokens: 'x' })).toBeUndefined();
  });

  it('writes details that add up, whatever provider the usage came from', () => {
    const wire = encodeOpenAiUsage({
      input: { total: 50, cacheRead: 20, cacheWrite: 5 },
      output: { total: 12, reasoning: 4 },
    });
    expect(wire).toEqual({
      prompt_tokens: 50,
      completion_tokens: 12,
      total_tokens: 62,
      prompt_tokens_details: { cached_tokens: 20, cache_write_tokens: 5 },
      completion_tokens_details: { reasoning_tokens: 4 },
    });
    expect(mapOpenAiUsage(wire)).toMatchObject({
      input: { total: 50, cacheRead: 20, cacheWrite: 5 },
      output: { total: 12, reasoning: 4 },
    });
  });
});

describe('OpenAI finish reasons ↔ canonical', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['content_filter', 'content-filter'],
  ] as const)('%s → %s', (raw, unified) => {
    expect(mapOpenAiFinishReason(raw)).toEqual({ unified, raw });
  });

  it('keeps an unknown word as raw under other, and renders other and error as stop', () => {
    expect(mapOpenAiFinishReason('eos')).toEqual({ unified: 'other', raw: 'eos' });
    expect(mapOpenAiFinishReason(null)).toEqual({ unified: 'other' });
    expect(encodeOpenAiFinishReason({ unified: 'other' })).toBe('stop');
    expect(encodeOpenAiFinishReason({ unified: 'tool-calls', raw: 'tool_use' })).toBe('tool_calls');
    expect(encodeOpenAiFinishReason({ unified: 'content-filter', raw: 'SAFETY' })).toBe('content_filter');
  });
});
