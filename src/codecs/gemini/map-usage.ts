import type { CanonUsage } from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Gemini `usageMetadata` → canonical. `promptTokenCount` already includes `cachedContentTokenCount`;
 * tool-use prompt tokens are input too; `candidatesTokenCount` excludes `thoughtsTokenCount`, so output
 * is their sum. Undefined when the object is absent or carries no counts (a stream chunk without usage
 * must not overwrite a known value with zeros).
 */
export function mapGeminiUsage(value: unknown): CanonUsage | undefined {
  if (!isWireObject(value)) return undefined;
  const prompt = count(value.promptTokenCount);
  const candidates = count(value.candidatesTokenCount);
  const thoughts = count(value.thoughtsTokenCount);
  const toolUse = count(value.toolUsePromptTokenCount);
  if (prompt === undefined && candidates === undefined && thoughts === undefined) return undefined;
  const usage: CanonUsage = {
    input: { total: (prompt ?? 0) + (toolUse ?? 0) },
    output: { total: (candidates ?? 0) + (thoughts ?? 0) },
    raw: value,
  };
  const cached = count(value.cachedContentTokenCount);
  if (cached !== undefined) usage.input.cacheRead = cached;
  if (thoughts !== undefined) usage.output.reasoning = thoughts;
  return usage;
}

/** Detail arrays a Gemini upstream reported, echoed to a Gemini caller when the counts still agree. */
const detailFields = [
  'promptTokensDetails',
  'candidatesTokensDetails',
  'cacheTokensDetails',
  'toolUsePromptTokensDetails',
];

/**
 * Canonical → Gemini `usageMetadata`, keeping prompt + candidates + thoughts (+ tool-use prompt) = total.
 * `candidatesTokenCount` excludes reasoning, as Gemini's does.
 */
export function encodeGeminiUsage(usage: CanonUsage): WireObject {
  const reasoning = usage.output.reasoning ?? 0;
  const raw = usage.raw;
  const toolUse = count(raw?.toolUsePromptTokenCount);
  const splitToolUse = toolUse !== undefined && toolUse > 0 && toolUse <= usage.input.total;
  const candidates = Math.max(0, usage.output.total - reasoning);
  const wire: WireObject = {
    promptTokenCount: splitToolUse ? usage.input.total - toolUse : usage.input.total,
  };
  // proto3 JSON leaves zero counts out (a blocked prompt has no candidatesTokenCount).
  if (candidates > 0) wire.candidatesTokenCount = candidates;
  wire.totalTokenCount = usage.input.total + usage.output.total;
  if (splitToolUse) wire.toolUsePromptTokenCount = toolUse;
  if (reasoning > 0) wire.thoughtsTokenCount = reasoning;
  if (usage.input.cacheRead !== undefined && usage.input.cacheRead > 0) {
    wire.cachedContentTokenCount = usage.input.cacheRead;
  }
  if (raw && count(raw.totalTokenCount) === wire.totalTokenCount) {
    for (const field of detailFields) if (raw[field] !== undefined) wire[field] = raw[field];
  }
  return wire;
}
