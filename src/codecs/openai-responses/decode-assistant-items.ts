import type { AssistantMessage, ReasoningPart, ToolCallPart } from '../../canon/index.js';
import {
  describeType,
  expectArray,
  expectObject,
  expectString,
  invalidField,
  joinPath,
  missingField,
  pickUnknown,
  type WireObject,
} from '../shared/read-fields.js';

/** A canonical part decoded from one item, with the item's fields the hub does not model. */
export interface DecodedItem<Part> {
  part: Part;
  extras: WireObject | undefined;
}

const functionCallKeys: ReadonlySet<string> = new Set(['type', 'call_id', 'name', 'arguments']);

/** `content` of an assistant message item: a string, or `output_text` / `input_text` / `refusal` parts. */
export function decodeAssistantMessageParts(value: unknown, path: string): AssistantMessage['content'] {
  if (typeof value === 'string') return value.length > 0 ? [{ type: 'text', text: value }] : [];
  if (value === undefined || value === null) missingField(path);
  return expectArray(value, path).map((item, index) => {
    const partPath = `${path}[${index}]`;
    const part = expectObject(item, partPath);
    if (part.type === 'output_text' || part.type === 'input_text') {
      return { type: 'text', text: expectString(part.text, joinPath(partPath, 'text')) };
    }
    if (part.type === 'refusal') {
      return { type: 'refusal', text: expectString(part.refusal, joinPath(partPath, 'refusal')) };
    }
    return invalidField(
      joinPath(partPath, 'type'),
      `expected 'output_text' or 'refusal', got ${describeType(part.type)}.`,
    );
  });
}

/** A `function_call` item → a tool-call part keyed by `call_id` (the `fc_` item id stays in the extras). */
export function decodeFunctionCall(item: WireObject, path: string): DecodedItem<ToolCallPart> {
  for (const key of ['call_id', 'name', 'arguments']) {
    if (item[key] === undefined || item[key] === null) missingField(joinPath(path, key));
  }
  return {
    part: {
      type: 'tool-call',
      callId: expectString(item.call_id, joinPath(path, 'call_id')),
      toolName: expectString(item.name, joinPath(path, 'name')),
      argumentsJson: expectString(item.arguments, joinPath(path, 'arguments')),
    },
    extras: pickUnknown(item, functionCallKeys),
  };
}

/**
 * A `reasoning` item → a reasoning part. The text comes from `content` (`reasoning_text`, open-weight
 * models) when present, else from the `summary` texts; `id` and `encrypted_content` stay in the extras
 * so a Responses upstream gets them back.
 */
export function decodeReasoningItem(item: WireObject, path: string): DecodedItem<ReasoningPart> {
  const fromContent = Array.isArray(item.content) && item.content.length > 0;
  const texts = fromContent
    ? readTexts(item.content, joinPath(path, 'content'), 'reasoning_text')
    : readTexts(item.summary ?? [], joinPath(path, 'summary'), 'summary_text');
  const known: ReadonlySet<string> = new Set(
    fromContent ? ['type', 'content'] : ['type', 'summary', 'content'],
  );
  return { part: { type: 'reasoning', text: texts.join('\n\n') }, extras: pickUnknown(item, known) };
}

function readTexts(value: unknown, path: string, type: string): string[] {
  return expectArray(value, path).map((entry, index) => {
    const partPath = `${path}[${index}]`;
    const part = expectObject(entry, partPath);
    if (part.type !== type) {
      invalidField(joinPath(partPath, 'type'), `expected '${type}', got ${describeType(part.type)}.`);
    }
    return expectString(part.text, joinPath(partPath, 'text'));
  });
}
