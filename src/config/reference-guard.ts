/**
 * YAML forbids `{` and `}` inside plain scalars of a flow mapping, so the natural
 * `openai: { type: openai, apiKey: ${OPENAI_API_KEY} }` is a syntax error. Before parsing, the braces
 * of each `${...}` reference are swapped for two private-use characters (same length, so YAML error
 * positions stay right); after parsing they are swapped back in every key and string. Environment
 * values are still substituted only after parsing, so they can never change the YAML structure.
 */
const openMark = '\uE000';
const closeMark = '\uE001';
const reference = /\$\{([^{}\n]*)\}/g;

/** Text that parses as YAML with each `${...}` reference protected; unchanged if it already uses the marks. */
export function protectReferences(text: string): string {
  if (text.includes(openMark) || text.includes(closeMark)) return text;
  return text.replace(reference, (_match, inner: string) => `$${openMark}${inner}${closeMark}`);
}

/** The parsed tree with the original `${...}` text restored in keys and string values. */
export function restoreReferences(node: unknown): unknown {
  if (typeof node === 'string') return restore(node);
  if (Array.isArray(node)) return node.map(restoreReferences);
  if (typeof node === 'object' && node !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) copy[restore(key)] = restoreReferences(value);
    return copy;
  }
  return node;
}

function restore(text: string): string {
  return text.includes(openMark) ? text.replaceAll(openMark, '{').replaceAll(closeMark, '}') : text;
}
