import type { AssistantMessage } from '../../canon/index.js';
import type { WireObject } from '../shared/read-fields.js';
import { type OutputItemKind, outputItemId } from './ids.js';
import { itemExtrasOf } from './vendor.js';

type AssistantPart = AssistantMessage['content'][number];

/** The output item kind a canonical part becomes. */
export function outputItemKind(part: AssistantPart): OutputItemKind {
  if (part.type === 'tool-call') return 'fc';
  if (part.type === 'reasoning') return 'rs';
  return 'msg';
}

/**
 * The id of the item part `index` becomes: the upstream's own item id when a Responses upstream gave
 * one, else one derived from the Response id (see `outputItemId`).
 */
export function outputItemIdFor(message: AssistantMessage, index: number, responseId: string): string {
  const id = itemExtrasOf(message, index)?.id;
  const part = message.content[index];
  if (typeof id === 'string') return id;
  return outputItemId(responseId, part ? outputItemKind(part) : 'msg', index);
}

/** An assistant message → Response `output` items, one item per canonical part, in order. */
export function encodeOutputItems(message: AssistantMessage, responseId: string): WireObject[] {
  return message.content.map((part, index) => {
    const extras = itemExtrasOf(message, index) ?? {};
    return encodeOutputItem(part, outputItemIdFor(message, index, responseId), extras);
  });
}

/** One canonical part → one output item, as `response.output_item.done` and the final Response show it. */
export function encodeOutputItem(part: AssistantPart, id: string, extras: WireObject = {}): WireObject {
  switch (part.type) {
    case 'text':
      return messageItem(id, extras, { type: 'output_text', text: part.text, annotations: [], logprobs: [] });
    case 'refusal':
      return messageItem(id, extras, { type: 'refusal', refusal: part.text });
    case 'reasoning': {
      // Text that came from `reasoning_text` content goes back there; anything else is the summary.
      const fromContent = extras.summary !== undefined;
      return {
        id,
        type: 'reasoning',
        ...extras,
        ...(fromContent
          ? { content: [{ type: 'reasoning_text', text: part.text }] }
          : { summary: part.text.length > 0 ? [{ type: 'summary_text', text: part.text }] : [] }),
      };
    }
    case 'tool-call':
      return {
        id,
        type: 'function_call',
        status: 'completed',
        ...extras,
        call_id: part.callId,
        name: part.toolName,
        // Never an empty string: clients JSON.parse it.
        arguments: part.argumentsJson === '' ? '{}' : part.argumentsJson,
      };
  }
}

function messageItem(id: string, extras: WireObject, content: WireObject): WireObject {
  return { id, type: 'message', status: 'completed', role: 'assistant', ...extras, content: [content] };
}
