import type { CanonUsage } from '../../canon/index.js';
import { isWireObject } from '../shared/read-fields.js';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Responses `usage` → canonical; undefined when absent or unusable. Both count cache and reasoning inside. */
export function mapResponsesUsage(value: unknown): CanonUsage | undefined {
  if (!isWireObject(value)) return undefined;
  const input = count(value.input_tokens);
  const output = count(value.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const usage: CanonUsage = { input: { total: input ?? 0 }, output: { total: output ?? 0 }, raw: value };
  if (isWireObject(value.input_tokens_details)) {
    const cached = count(value.input_tokens_details.cached_tokens);
    if (cached !== undefined) usage.input.cacheRead = cached;
    const written = count(value.input_tokens_details.cache_write_tokens);
    if (written !== undefined) usage.input.cacheWrite = written;
  }
  if (isWireObject(value.output_tokens_details)) {
    const reasoning = count(value.output_tokens_details.reasoning_tokens);
    if (reasoning !== undefined) usage.output.reasoning = reasoning;
  }
  return usage;
}

/** Canonical → Responses `usage`, keeping input + output = total. */
export function encodeResponsesUsage(usage: CanonUsage): Record<string, unknown> {
  const inputDetails: Record<string, number> = { cached_tokens: usage.input.cacheRead ?? 0 };
  if (usage.input.cacheWrite !== undefined) inputDetails.cache_write_tokens = usage.input.cacheWrite;
  return {
    input_tokens: usage.input.total,
    input_tokens_details: inputDetails,
    output_tokens: usage.output.total,
    output_tokens_details: { reasoning_tokens: usage.output.reasoning ?? 0 },
    total_tokens: usage.input.total + usage.output.total,
  };
}
