// Cost of one call from each provider's own usage JSON: the codec's usage mapper turns the raw object
// into canonical usage, computeCostMicros prices it. Every expected figure is worked out by hand in
// integer micro-dollars (µ$); prices are µ$ per million tokens, so a price of 2_500_000 is $2.50/M
// and costs 2.5 µ$ per token. Cost is rounded half up once, at the end.
import { describe, expect, it } from 'vitest';
import type { CanonUsage } from '../canon/index.js';
import { mapAnthropicUsage } from '../codecs/anthropic-messages/map-usage.js';
import { mapGeminiUsage } from '../codecs/gemini/map-usage.js';
import { mapOpenAiUsage } from '../codecs/openai-chat/map-usage.js';
import { mapResponsesUsage } from '../codecs/openai-responses/map-usage.js';
import { computeCostMicros } from './compute-cost.js';
import type { ModelPrice } from './types.js';

type Mapper = (raw: unknown) => CanonUsage | undefined;

interface Row {
  name: string;
  raw: Record<string, unknown>;
  micros: number;
}

function price(
  input: number,
  output: number,
  cachedInput: number | null,
  cacheWrite: number | null,
): ModelPrice {
  return {
    inputMicrosPerMillion: input,
    outputMicrosPerMillion: output,
    cachedInputMicrosPerMillion: cachedInput,
    cacheWriteMicrosPerMillion: cacheWrite,
  };
}

function table(provider: string, mapper: Mapper, modelPrice: ModelPrice, rows: Row[]) {
  describe(provider, () => {
    it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
      const usage = mapper(row.raw);
      if (!usage) throw new Error('the mapper found no usage');
      expect(computeCostMicros(usage, modelPrice)).toBe(row.micros);
    });
  });
}

// gpt-4o: $2.50 in, $10 out, $1.25 cached in, no separate cache-write price.
const gpt4o = price(2_500_000, 10_000_000, 1_250_000, null);
// o4-mini: $1.10 in, $4.40 out, $0.275 cached in.
const o4mini = price(1_100_000, 4_400_000, 275_000, null);

table(
  'OpenAI Chat Completions (prompt_tokens includes cached; completion_tokens includes reasoning)',
  mapOpenAiUsage,
  gpt4o,
  [
    // 1000 × 2.5 + 500 × 10 = 2500 + 5000 = 7500
    {
      name: 'plain',
      raw: { prompt_tokens: 1_000, completion_tokens: 500, total_tokens: 1_500 },
      micros: 7_500,
    },
    {
      // uncached 2000 − 1536 = 464 × 2.5 = 1160; cached 1536 × 1.25 = 1920; output 300 × 10 = 3000
      // (the 200 reasoning tokens are inside the 300, not added) → 6080
      name: 'cached prompt and reasoning',
      raw: {
        prompt_tokens: 2_000,
        completion_tokens: 300,
        total_tokens: 2_300,
        prompt_tokens_details: { cached_tokens: 1_536, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 200, audio_tokens: 0 },
      },
      micros: 6_080,
    },
    // 1 × 2.5 = 2.5 → rounds half up to 3
    {
      name: 'one token rounds half up',
      raw: { prompt_tokens: 1, completion_tokens: 0, total_tokens: 1 },
      micros: 3,
    },
    {
      // everything cached: 0 × 2.5 + 1024 × 1.25 = 1280; output 1 × 10 = 10 → 1290
      name: 'fully cached prompt',
      raw: { prompt_tokens: 1_024, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 1_024 } },
      micros: 1_290,
    },
  ],
);

table('OpenAI reasoning model (o4-mini)', mapOpenAiUsage, o4mini, [
  {
    // uncached 2345 × 1.1 = 2579.5; cached 10000 × 0.275 = 2750; output 6789 × 4.4 = 29871.6
    // → 35201.1 → 35201
    name: 'long reasoning with a cached prefix',
    raw: {
      prompt_tokens: 12_345,
      completion_tokens: 6_789,
      prompt_tokens_details: { cached_tokens: 10_000 },
      completion_tokens_details: { reasoning_tokens: 6_000 },
    },
    micros: 35_201,
  },
]);

table(
  'OpenAI Responses (input_tokens includes cached; output_tokens includes reasoning)',
  mapResponsesUsage,
  gpt4o,
  [
    {
      // same counts as the Chat row above: 1160 + 1920 + 3000 = 6080
      name: 'cached input and reasoning',
      raw: {
        input_tokens: 2_000,
        input_tokens_details: { cached_tokens: 1_536 },
        output_tokens: 300,
        output_tokens_details: { reasoning_tokens: 200 },
        total_tokens: 2_300,
      },
      micros: 6_080,
    },
  ],
);

// A Claude Sonnet-class price: $3 in, $15 out, cache reads $0.30 (0.1×), cache writes $3.75 (1.25×).
const sonnet = price(3_000_000, 15_000_000, 300_000, 3_750_000);

table('Anthropic Messages (input_tokens excludes cache reads and writes)', mapAnthropicUsage, sonnet, [
  // 1234 × 3 + 567 × 15 = 3702 + 8505 = 12207
  { name: 'no cache', raw: { input_tokens: 1_234, output_tokens: 567 }, micros: 12_207 },
  {
    // uncached 50 × 3 = 150; write 2000 × 3.75 = 7500; output 400 × 15 = 6000 → 13650
    name: 'cache write (priced at its own 1.25× rate, counted once)',
    raw: {
      input_tokens: 50,
      cache_creation_input_tokens: 2_000,
      cache_read_input_tokens: 0,
      output_tokens: 400,
    },
    micros: 13_650,
  },
  {
    // uncached 50 × 3 = 150; read 2000 × 0.3 = 600; output 6000 → 6750
    name: 'cache read',
    raw: {
      input_tokens: 50,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 2_000,
      output_tokens: 400,
    },
    micros: 6_750,
  },
  {
    // uncached 120 × 3 = 360; read 10000 × 0.3 = 3000; write 1500 × 3.75 = 5625;
    // output 2000 × 15 = 30000 (thinking is inside output_tokens) → 38985
    name: 'read, write and thinking',
    raw: {
      input_tokens: 120,
      cache_read_input_tokens: 10_000,
      cache_creation_input_tokens: 1_500,
      output_tokens: 2_000,
      output_tokens_details: { thinking_tokens: 1_200 },
    },
    micros: 38_985,
  },
  {
    // 1 × 3 + 1 × 0.3 + 1 × 3.75 + 0 = 7.05 → 7
    name: 'fractions add before the one rounding',
    raw: { input_tokens: 1, cache_read_input_tokens: 1, cache_creation_input_tokens: 1, output_tokens: 0 },
    micros: 7,
  },
]);

table(
  'Anthropic with no cache-write price in the catalog (falls back to the input price)',
  mapAnthropicUsage,
  price(3_000_000, 15_000_000, 300_000, null),
  [
    // 50 × 3 + 2000 × 3 + 400 × 15 = 150 + 6000 + 6000 = 12150
    {
      name: 'cache write',
      raw: { input_tokens: 50, cache_creation_input_tokens: 2_000, output_tokens: 400 },
      micros: 12_150,
    },
  ],
);

// A Gemini Flash-class price: $0.30 in, $2.50 out, $0.075 cached in.
const flash = price(300_000, 2_500_000, 75_000, null);

table('Gemini (promptTokenCount includes cached; thoughts are billed as output)', mapGeminiUsage, flash, [
  // 1000 × 0.3 + 200 × 2.5 = 300 + 500 = 800
  {
    name: 'plain',
    raw: { promptTokenCount: 1_000, candidatesTokenCount: 200, totalTokenCount: 1_200 },
    micros: 800,
  },
  {
    // uncached 10000 − 8000 = 2000 × 0.3 = 600; cached 8000 × 0.075 = 600;
    // output candidates 500 + thoughts 1500 = 2000 × 2.5 = 5000 → 6200
    name: 'cached content and thinking',
    raw: {
      promptTokenCount: 10_000,
      cachedContentTokenCount: 8_000,
      candidatesTokenCount: 500,
      thoughtsTokenCount: 1_500,
      totalTokenCount: 12_000,
    },
    micros: 6_200,
  },
  {
    // input 400 + tool-use prompt 600 = 1000 × 0.3 = 300; output 100 × 2.5 = 250 → 550
    name: 'tool-use prompt tokens are input',
    raw: {
      promptTokenCount: 400,
      toolUsePromptTokenCount: 600,
      candidatesTokenCount: 100,
      totalTokenCount: 1_100,
    },
    micros: 550,
  },
  {
    // 10 × 0.3 = 3; thoughts only 90 × 2.5 = 225 → 228
    name: 'thoughts without candidates',
    raw: { promptTokenCount: 10, thoughtsTokenCount: 90, totalTokenCount: 100 },
    micros: 228,
  },
]);

// deepseek-reasoner (catalog): $0.28 in, $0.42 out, $0.028 cache hit.
const deepseekReasoner = price(280_000, 420_000, 28_000, null);

table('OpenAI-compatible reasoning model (DeepSeek usage fields)', mapOpenAiUsage, deepseekReasoner, [
  {
    // miss 1000 − 800 = 200 × 0.28 = 56; hit 800 × 0.028 = 22.4; output 2000 × 0.42 = 840
    // (the 1500 reasoning tokens are inside completion_tokens) → 918.4 → 918
    name: 'cache hit and reasoning',
    raw: {
      prompt_tokens: 1_000,
      completion_tokens: 2_000,
      total_tokens: 3_000,
      prompt_cache_hit_tokens: 800,
      prompt_cache_miss_tokens: 200,
      completion_tokens_details: { reasoning_tokens: 1_500 },
    },
    micros: 918,
  },
  {
    // the same call reported with OpenAI's details as well: 918
    name: 'cache hit also in prompt_tokens_details',
    raw: {
      prompt_tokens: 1_000,
      completion_tokens: 2_000,
      prompt_cache_hit_tokens: 800,
      prompt_cache_miss_tokens: 200,
      prompt_tokens_details: { cached_tokens: 800 },
      completion_tokens_details: { reasoning_tokens: 1_500 },
    },
    micros: 918,
  },
  {
    // 500 × 0.28 = 140; 100 × 0.42 = 42 → 182
    name: 'no cache hit',
    raw: {
      prompt_tokens: 500,
      completion_tokens: 100,
      prompt_cache_hit_tokens: 0,
      prompt_cache_miss_tokens: 500,
    },
    micros: 182,
  },
  {
    // vLLM / Groq style: reasoning only in completion_tokens_details. 300 × 0.28 = 84; 700 × 0.42 = 294 → 378
    name: 'reasoning tokens without cache fields',
    raw: { prompt_tokens: 300, completion_tokens: 700, completion_tokens_details: { reasoning_tokens: 650 } },
    micros: 378,
  },
]);
