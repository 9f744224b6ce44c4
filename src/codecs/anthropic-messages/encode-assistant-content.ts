import type { AssistantMessage } from '../../canon/index.js';
import type { WireObject } from '../shared/read-fields.js';

/**
 * Assistant parts → Anthropic response content blocks. Reasoning from another provider has no
 * signature: it is still shown as a `thinking` block (with an empty signature, which the SDK types
 * require) so the caller sees it; sent back to an Anthropic upstream later, it is dropped with a warning.
 */
export function encodeAssistantContent(parts: AssistantMessage['content']): WireObject[] {
  return parts.map(encodePart);
}

function encodePart(part: AssistantMessage['content'][number]): WireObject {
  switch (part.type) {
    case 'text':
    case 'refusal':
      return { type: 'text', text: part.text };
    case 'reasoning':
      return part.redactedData !== undefined
        ? { type: 'redacted_thinking', data: part.redactedData }
        : { type: 'thinking', thinking: part.text, signature: part.signature ?? '' };
    case 'tool-call':
      return {
        type: 'tool_use',
        id: part.callId,
        name: part.toolName,
        input: parseInput(part.argumentsJson),
      };
  }
}

/** Arguments cut short (finish `length`) are not valid JSON; the block still needs an object. */
function parseInput(argumentsJson: string): WireObject {
  try {
    const parsed: unknown = JSON.parse(argumentsJson);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as WireObject)
      : {};
  } catch {
    return {};
  }
}
