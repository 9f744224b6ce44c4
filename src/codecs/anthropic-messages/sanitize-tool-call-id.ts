const allowedPattern = /^[a-zA-Z0-9_-]+$/;

/**
 * Makes a tool-call id acceptable to Anthropic (`^[a-zA-Z0-9_-]+$`). Valid ids pass unchanged; any other
 * id has its foreign characters replaced and a hash of the original appended, so two ids that differ
 * only in those characters (`a.b`, `a:b`) stay distinct. Deterministic and stateless: the same function
 * is applied to `tool_use.id` and to `tool_result.tool_use_id`, so a call and its result always pair up.
 */
export function sanitizeToolCallId(id: string): string {
  if (allowedPattern.test(id)) return id;
  const readable = id.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 48);
  return `${readable || 'toolu'}_${hashText(id)}`;
}

/** 32-bit FNV-1a in base 36: short, stable across processes, no dependency. */
function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
