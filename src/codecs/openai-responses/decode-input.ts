import type {
  AssistantMessage,
  CanonMessage,
  ImagePart,
  TextPart,
  ToolMessage,
  ToolResultPart,
} from '../../canon/index.js';
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
import {
  decodeAssistantMessageParts,
  decodeFunctionCall,
  decodeReasoningItem,
} from './decode-assistant-items.js';
import { decodeInputPart, decodeSystemContent, decodeUserContent } from './decode-content.js';
import { type PendingItemReference, responsesShape, vendorFromItemExtras } from './vendor.js';

/** What the `input` field decodes to. */
export interface DecodedInput {
  messages: CanonMessage[];
  /** `item_reference` items, left for `expandWithHistory` to check against the stored conversation. */
  references: PendingItemReference[];
}

interface OpenTurn {
  message: AssistantMessage | ToolMessage;
  extras: Map<number, WireObject>;
}

interface DecodeState {
  messages: CanonMessage[];
  open?: OpenTurn;
  /** call_id → function name, so tool results can name their tool (Gemini needs it). */
  callNames: Map<string, string>;
  /** The request names a previous response, whose items may answer references and call ids. */
  chained: boolean;
  references: PendingItemReference[];
}

const roles = new Set(['user', 'system', 'developer', 'assistant']);
const outputKeys: ReadonlySet<string> = new Set(['type', 'call_id', 'output']);
const messageKeys: ReadonlySet<string> = new Set(['type', 'role', 'content']);

/**
 * Decodes `input` (a string, or an array of items) into canonical messages. Consecutive assistant-side
 * items (reasoning, assistant messages, function calls) become one assistant turn, and consecutive
 * `function_call_output` items one tool turn, as other providers expect them grouped.
 */
export function decodeResponsesInput(value: unknown, chained: boolean): DecodedInput {
  if (value === undefined || value === null) missingField('input');
  if (typeof value === 'string') {
    return { messages: [{ role: 'user', content: [{ type: 'text', text: value }] }], references: [] };
  }
  const list = expectArray(value, 'input');
  if (list.length === 0) invalidField('input', 'expected a string or a non-empty array of input items.');
  const state: DecodeState = { messages: [], callNames: new Map(), chained, references: [] };
  list.forEach((item, index) => {
    decodeItem(state, expectObject(item, `input[${index}]`), `input[${index}]`);
  });
  closeTurn(state);
  return { messages: state.messages, references: state.references };
}

function decodeItem(state: DecodeState, item: WireObject, path: string): void {
  const type = item.type ?? (item.role === undefined ? undefined : 'message');
  switch (type) {
    case 'message':
      decodeMessageItem(state, item, path);
      return;
    case 'function_call': {
      const { part, extras } = decodeFunctionCall(item, path);
      state.callNames.set(part.callId, part.toolName);
      appendToTurn(state, 'assistant', [part], extras);
      return;
    }
    case 'reasoning': {
      const { part, extras } = decodeReasoningItem(item, path);
      appendToTurn(state, 'assistant', [part], extras);
      return;
    }
    case 'function_call_output':
      appendToTurn(state, 'tool', [decodeToolOutput(state, item, path)], pickUnknown(item, outputKeys));
      return;
    case 'item_reference': {
      const id = expectString(item.id, joinPath(path, 'id'));
      if (!state.chained) {
        invalidField(
          joinPath(path, 'id'),
          `cannot resolve item '${id}': this gateway only resolves references to items of the conversation named by 'previous_response_id'.`,
        );
      }
      state.references.push({ param: joinPath(path, 'id'), id });
      return;
    }
    case undefined:
      missingField(joinPath(path, 'type'));
      break;
    default:
      if (typeof type === 'string' && /_call(_output)?$/.test(type)) {
        invalidField(
          joinPath(path, 'type'),
          `'${type}' items belong to hosted tools, which this gateway cannot serve on the chosen target.`,
        );
      }
      invalidField(
        joinPath(path, 'type'),
        `expected one of 'message', 'function_call', 'function_call_output', 'reasoning', 'item_reference', got ${describeType(type)}.`,
      );
  }
}

function decodeMessageItem(state: DecodeState, item: WireObject, path: string): void {
  const role = item.role;
  if (role === undefined || role === null) missingField(joinPath(path, 'role'));
  if (typeof role !== 'string' || !roles.has(role)) {
    invalidField(
      joinPath(path, 'role'),
      `expected one of 'user', 'system', 'developer', 'assistant', got ${describeType(role)}.`,
    );
  }
  const contentPath = joinPath(path, 'content');
  const extras = pickUnknown(item, messageKeys);
  if (role === 'assistant') {
    appendToTurn(state, 'assistant', decodeAssistantMessageParts(item.content, contentPath), extras);
    return;
  }
  closeTurn(state);
  const vendor = extras ? { vendor: { [responsesShape]: { items: { '0': extras } } } } : {};
  if (role === 'user') {
    state.messages.push({ role: 'user', content: decodeUserContent(item.content, contentPath), ...vendor });
    return;
  }
  state.messages.push({
    role: 'system',
    content: decodeSystemContent(item.content, contentPath),
    ...(role === 'developer' ? { developer: true } : {}),
    ...vendor,
  });
}

function decodeToolOutput(state: DecodeState, item: WireObject, path: string): ToolResultPart {
  if (item.call_id === undefined || item.call_id === null) missingField(joinPath(path, 'call_id'));
  const callId = expectString(item.call_id, joinPath(path, 'call_id'));
  const toolName = state.callNames.get(callId);
  // With previous_response_id the call may be in the stored conversation; expandWithHistory checks it.
  if (toolName === undefined && !state.chained) {
    invalidField(
      joinPath(path, 'call_id'),
      `no function_call item with call_id '${callId}' precedes this output.`,
    );
  }
  const outputPath = joinPath(path, 'output');
  if (item.output === undefined || item.output === null) missingField(outputPath);
  let content: Array<TextPart | ImagePart>;
  if (typeof item.output === 'string') content = [{ type: 'text', text: item.output }];
  else {
    content = expectArray(item.output, outputPath).map(
      (part, index) => decodeInputPart(part, `${outputPath}[${index}]`, false) as TextPart | ImagePart,
    );
  }
  return { type: 'tool-result', callId, content, ...(toolName === undefined ? {} : { toolName }) };
}

function appendToTurn(
  state: DecodeState,
  role: 'assistant' | 'tool',
  parts: Array<AssistantMessage['content'][number] | ToolResultPart>,
  extras: WireObject | undefined,
): void {
  if (state.open?.message.role !== role) {
    closeTurn(state);
    const message = { role, content: [] } as AssistantMessage | ToolMessage;
    state.messages.push(message);
    state.open = { message, extras: new Map() };
  }
  const open = state.open as OpenTurn;
  // An item's own fields (id, status, encrypted_content, ...) stay with the first part it became.
  if (extras && parts.length > 0) open.extras.set(open.message.content.length, extras);
  (open.message.content as unknown[]).push(...parts);
}

function closeTurn(state: DecodeState): void {
  if (!state.open) return;
  const vendor = vendorFromItemExtras(state.open.extras);
  if (vendor) state.open.message.vendor = vendor;
  state.open = undefined;
}
