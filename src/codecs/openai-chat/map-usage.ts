import type { CanonUsage } from '../../canon/index.js';
import { isWireObject } from '../shared/read-fields.js';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** OpenAI `usage` → canonical; undefined when the object is absent or unusable. */
export function mapOpenAiUsage(value: unknown): CanonUsage | undefined {
  if (!isWireObject(value)) return undefined;
  const input = count(value.prompt_tokens);
  const output = count(value.completion_tokens);
  if (input === undefined && output === undefined) return undefined;
  const usage: CanonUsage = { input: { total: input ?? 0 }, output: { total: output ?? 0 }, raw: value };
  const promptDetails = value.prompt_tokens_details;
  if (isWireObject(promptDetails)) {
    const cached = count(promptDetails.cached_tokens);
    if (cached !== undefined) usage.input.cacheRead = cached;
    const written = count(promptDetails.cache_write_tokens);
    if (written !== undefined) usage.input.cacheWrite = written;
  }
  // DeepSeek reports its cache hits (part of prompt_tokens) as `prompt_cache_hit_tokens` and may send no
  // prompt_tokens_details: without this its cached input would be billed at the full input price.
  if (usage.input.cacheRead === undefined) {
    const hits = count(value.prompt_cache_hit_tokens);
    if (hits !== undefined) usage.input.cacheRead = hits;
  }
  const completionDetails = value.completion_tokens_details;
  if (isWireObject(completionDetails)) {
    const reasoning = count(completionDetails.reasoning_tokens);
    if (reasoning !== undefined) usage.output.reasoning = reasoning;
  }
  return usage;
}

/** Canonical → OpenAI `usage`, keeping prompt + completion = total. */
export function encodeOpenAiUsage(usage: CanonUsage): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    prompt_tokens: usage.input.total,
    completion_tokens: usage.output.total,
    total_tokens: usage.input.total + usage.output.total,
  };
  const promptDetails: Record<string, number> = { cached_tokens: usage.input.cacheRead ?? 0 };
  if (usage.input.cacheWrite !== undefined) promptDetails.cache_write_tokens = usage.input.cacheWrite;
  wire.prompt_tokens_details = promptDetails;
  wire.completion_tokens_details = { reasoning_tokens: usage.output.reasoning ?? 0 };
  return wire;
}
