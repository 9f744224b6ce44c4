import { encode } from 'gpt-tokenizer';
import { LruCache } from './lru.js';

const tokenCounts = new LruCache<string, number>(4096);

/** Counts o200k tokens, remembering each distinct text so repeated benchmark prompts cost a Map lookup. */
export function countTokens(text: string): number {
  if (text === '') return 0;
  let count = tokenCounts.get(text);
  if (count === undefined) {
    count = encode(text).length;
    tokenCounts.set(text, count);
  }
  return count;
}

/** The usage object of a chat completion, in OpenAI's shape. */
export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

/** Prompt size the way OpenAI bills chat: message texts plus about 3 tokens per message, plus 3. */
export function countPromptTokens(messageTexts: readonly string[]): number {
  let total = 3;
  for (const text of messageTexts) total += 3 + countTokens(text);
  return total;
}

/**
 * Builds usage; `cached` is clamped to the prompt (cached tokens are a subset of it) and
 * `reasoning` is added to the completion (completion tokens include reasoning tokens).
 */
export function buildUsage(promptTokens: number, outputTokens: number, cached = 0, reasoning = 0): ChatUsage {
  const completionTokens = outputTokens + reasoning;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: Math.min(cached, promptTokens), audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
