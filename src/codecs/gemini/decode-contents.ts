import type {
  AssistantMessage,
  CanonMessage,
  SystemMessage,
  ToolResultPart,
  UserMessage,
} from '../../canon/index.js';
import {
  describeType,
  expectArray,
  expectObject,
  invalidField,
  joinPath,
  missingField,
  type WireObject,
} from '../shared/read-fields.js';
import { type CallPairing, createCallPairing } from './call-ids.js';
import {
  type AssistantPart,
  decodeFunctionCall,
  decodeFunctionResponse,
  decodeMedia,
  decodeText,
  knownPartFields,
  readPartKind,
  wrongTurn,
} from './decode-parts.js';
import { createPartCollector, type PartCollector, vendorForExtras } from './part-extras.js';
import { realSignature } from './thought-signatures.js';
import { isAbsent, pickUnknownFields, readBoolean, readField, readString } from './wire-fields.js';

/** User parts keep a stray `thoughtSignature` as an extra: only model parts carry signatures. */
const knownUserPartFields: ReadonlySet<string> = new Set(
  [...knownPartFields].filter((name) => name !== 'thoughtSignature'),
);

/**
 * `contents` → canonical messages. Model turns become assistant messages; a user turn becomes a tool
 * message for each run of `functionResponse` parts and a user message for each run of other parts, in
 * order. Calls and responses share ids (see call-ids.ts). Every error names the field.
 */
export function decodeGeminiContents(value: unknown, path = 'contents'): CanonMessage[] {
  if (value === undefined || value === null) missingField(path);
  const list = expectArray(value, path);
  if (list.length === 0) invalidField(path, 'expected a non-empty array of contents.');
  const pairing = createCallPairing();
  return list.flatMap((item, index) => decodeContent(item, `${path}[${index}]`, pairing));
}

function decodeContent(value: unknown, path: string, pairing: CallPairing): CanonMessage[] {
  const content = expectObject(value, path);
  const role = readString(content, 'role', path) ?? 'user';
  // `function` is the role older examples used for function responses.
  if (role !== 'user' && role !== 'model' && role !== 'function') {
    invalidField(joinPath(path, 'role'), `expected 'user' or 'model', got ${describeType(role)}.`);
  }
  const partsField = readField(content, 'parts');
  const partsPath = joinPath(path, partsField.key);
  if (isAbsent(partsField)) missingField(partsPath);
  const parts = expectArray(partsField.value, partsPath);
  if (parts.length === 0) invalidField(partsPath, 'expected a non-empty array of parts.');
  if (role === 'model') {
    pairing.startModelTurn();
    return [decodeModelTurn(parts, partsPath, pairing)];
  }
  return decodeUserTurn(parts, partsPath, pairing);
}

function decodeModelTurn(parts: unknown[], path: string, pairing: CallPairing): AssistantMessage {
  const collector = createPartCollector<AssistantPart>();
  parts.forEach((item, index) => {
    decodeModelPart(item, `${path}[${index}]`, pairing, collector);
  });
  const message: AssistantMessage = { role: 'assistant', content: collector.content };
  const vendor = vendorForExtras(collector.extras);
  if (vendor) message.vendor = vendor;
  return message;
}

/**
 * A thought part becomes reasoning with its signature. A signature on any other part (Gemini 3 puts them
 * on `functionCall` parts) becomes an empty reasoning part just before it, the only place a stream can
 * carry it too; the Gemini encoders put it back on the following part.
 */
function decodeModelPart(
  value: unknown,
  path: string,
  pairing: CallPairing,
  collector: PartCollector<AssistantPart>,
): void {
  const part = expectObject(value, path);
  const signature = realSignature(readString(part, 'thoughtSignature', path));
  const thought = readBoolean(part, 'thought', path) === true;
  const extras = pickUnknownFields(part, knownPartFields);
  const kind = readPartKind(part, path);
  if (thought || kind === undefined) {
    if (kind !== undefined && kind.kind !== 'text') wrongThought(path, kind.key);
    if (kind === undefined && signature === undefined && !thought) emptyPart(path);
    const text = kind === undefined ? '' : decodeText(part, kind.key, path);
    collector.push({ type: 'reasoning', text, ...(signature === undefined ? {} : { signature }) }, extras);
    return;
  }
  if (signature !== undefined) {
    // Gemini often ends an answer with `{"text": "", "thoughtSignature": …}`: only the signature matters.
    if (kind.kind === 'text' && decodeText(part, kind.key, path) === '') {
      collector.push({ type: 'reasoning', text: '', signature }, extras);
      return;
    }
    collector.push({ type: 'reasoning', text: '', signature });
  }
  switch (kind.kind) {
    case 'text':
      collector.push({ type: 'text', text: decodeText(part, kind.key, path) }, extras);
      return;
    case 'functionCall': {
      const decoded = decodeFunctionCall(part, kind.key, path, pairing);
      collector.push(decoded.part, { ...extras, ...decoded.extras });
      return;
    }
    default:
      wrongTurn(path, kind.key, 'model');
  }
}

function decodeUserTurn(parts: unknown[], path: string, pairing: CallPairing): CanonMessage[] {
  const messages: CanonMessage[] = [];
  let user: PartCollector<UserMessage['content'][number]> | undefined;
  let tool: PartCollector<ToolResultPart> | undefined;
  const flushUser = () => {
    if (user) messages.push(withVendor({ role: 'user', content: user.content }, user));
    user = undefined;
  };
  const flushTool = () => {
    if (tool) messages.push(withVendor({ role: 'tool', content: tool.content }, tool));
    tool = undefined;
  };
  parts.forEach((item, index) => {
    const partPath = `${path}[${index}]`;
    const part = expectObject(item, partPath);
    const kind = readPartKind(part, partPath);
    if (kind === undefined) emptyPart(partPath);
    const extras = pickUnknownFields(part, knownUserPartFields);
    if (kind.kind === 'functionResponse') {
      flushUser();
      tool ??= createPartCollector();
      const decoded = decodeFunctionResponse(part, kind.key, partPath, pairing);
      tool.push(decoded.part, { ...extras, ...decoded.extras });
      return;
    }
    flushTool();
    user ??= createPartCollector();
    if (kind.kind === 'text') user.push({ type: 'text', text: decodeText(part, kind.key, partPath) }, extras);
    else if (kind.kind === 'inlineData' || kind.kind === 'fileData') {
      const decoded = decodeMedia(part, kind.kind, kind.key, partPath);
      user.push(decoded.part, { ...extras, ...decoded.extras });
    } else wrongTurn(partPath, kind.key, 'user');
  });
  flushTool();
  flushUser();
  return messages;
}

function withVendor<Message extends CanonMessage>(
  message: Message,
  collector: PartCollector<unknown>,
): Message {
  const vendor = vendorForExtras(collector.extras);
  if (vendor) message.vendor = vendor;
  return message;
}

function emptyPart(path: string): never {
  return invalidField(
    path,
    "expected one of 'text', 'inlineData', 'fileData', 'functionCall', 'functionResponse'.",
  );
}

function wrongThought(path: string, key: string): never {
  return invalidField(joinPath(path, key), "a part marked 'thought' must be text.");
}

/** `systemInstruction`: a Content (role ignored) of text parts, or a plain string. */
export function decodeSystemInstruction(value: unknown, path: string): SystemMessage | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { role: 'system', content: [{ type: 'text', text: value }] };
  const content: WireObject = expectObject(value, path);
  const partsField = readField(content, 'parts');
  const partsPath = joinPath(path, partsField.key);
  if (isAbsent(partsField)) missingField(partsPath);
  const texts = expectArray(partsField.value, partsPath).map((item, index) => {
    const partPath = `${partsPath}[${index}]`;
    const part = expectObject(item, partPath);
    const kind = readPartKind(part, partPath);
    if (kind?.kind !== 'text') invalidField(partPath, 'system instruction parts must be text.');
    return { type: 'text' as const, text: decodeText(part, kind.key, partPath) };
  });
  return texts.length > 0 ? { role: 'system', content: texts } : undefined;
}
