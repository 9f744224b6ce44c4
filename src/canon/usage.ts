/** Token usage. `input.total` includes cache reads and writes; `output.total` includes reasoning. */
export interface CanonUsage {
  input: { total: number; cacheRead?: number; cacheWrite?: number };
  output: { total: number; reasoning?: number };
  /** Provider-native usage object, for audit and same-shape passthrough. */
  raw?: Record<string, unknown>;
}

/** Builds a usage record from plain counts. */
export function buildUsage(inputTokens: number, outputTokens: number, cacheRead?: number): CanonUsage {
  const usage: CanonUsage = { input: { total: inputTokens }, output: { total: outputTokens } };
  if (cacheRead !== undefined) usage.input.cacheRead = cacheRead;
  return usage;
}
