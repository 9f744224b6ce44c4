import type { CanonUsage } from '../../canon/index.js';
import { isWireObject } from '../shared/read-fields.js';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Anthropic `usage` → canonical. Anthropic's `input_tokens` EXCLUDES cache reads and writes, while the
 * hub's `input.total` includes them, so the three are added. `output_tokens` already includes thinking.
 */
export function mapAnthropicUsage(value: unknown): CanonUsage | undefined {
  if (!isWireObject(value)) return undefined;
  const input = count(value.input_tokens);
  const output = count(value.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const cacheRead = count(value.cache_read_input_tokens);
  const cacheWrite = count(value.cache_creation_input_tokens);
  const usage: CanonUsage = {
    input: { total: (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0) },
    output: { total: output ?? 0 },
    raw: value,
  };
  if (cacheRead !== undefined) usage.input.cacheRead = cacheRead;
  if (cacheWrite !== undefined) usage.input.cacheWrite = cacheWrite;
  const details = value.output_tokens_details;
  const thinking = isWireObject(details) ? count(details.thinking_tokens) : undefined;
  if (thinking !== undefined) usage.output.reasoning = thinking;
  return usage;
}

/** Canonical → Anthropic `usage`: input_tokens without the cache tokens, which get their own fields. */
export function encodeAnthropicUsage(usage: CanonUsage | undefined): Record<string, unknown> {
  if (!usage) {
    return { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 };
  }
  const cacheRead = usage.input.cacheRead ?? 0;
  const cacheWrite = usage.input.cacheWrite ?? 0;
  const wire: Record<string, unknown> = {
    input_tokens: Math.max(0, usage.input.total - cacheRead - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    output_tokens: usage.output.total,
  };
  // Newer Anthropic answers break thinking tokens out; only sent when the upstream said.
  if (usage.output.reasoning !== undefined)
    wire.output_tokens_details = { thinking_tokens: usage.output.reasoning };
  return wire;
}
