import type {
  AssistantMessage,
  FilePart,
  ImagePart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from '../../canon/index.js';
import {
  expectArray,
  expectObject,
  expectString,
  invalidField,
  joinPath,
  missingField,
  type WireObject,
} from '../shared/read-fields.js';
import type { CallPairing } from './call-ids.js';
import { decodeFunctionResponseBody } from './function-response-body.js';
import { isAbsent, pickUnknownFields, readField, readString } from './wire-fields.js';

/** The fields that say what a part is (proto `oneof data`). */
export type PartKind = 'text' | 'inlineData' | 'fileData' | 'functionCall' | 'functionResponse';

const partKinds: PartKind[] = ['text', 'inlineData', 'fileData', 'functionCall', 'functionResponse'];
/** Part kinds the hub cannot carry: a 400 naming the field beats a silently different conversation. */
const unsupportedKinds = ['executableCode', 'codeExecutionResult', 'toolCall', 'toolResponse'];
/** Part fields the codec reads; anything else is kept in the message's part extras. */
export const knownPartFields: ReadonlySet<string> = new Set([...partKinds, 'thought', 'thoughtSignature']);

/** The one data field a part holds, with the key the caller spelled; undefined for a signature-only part. */
export function readPartKind(part: WireObject, path: string): { kind: PartKind; key: string } | undefined {
  const present: Array<{ kind: PartKind; key: string }> = [];
  for (const kind of partKinds) {
    const field = readField(part, kind);
    if (!isAbsent(field)) present.push({ kind, key: field.key });
  }
  for (const name of unsupportedKinds) {
    const field = readField(part, name);
    if (!isAbsent(field)) invalidField(joinPath(path, field.key), `'${name}' parts are not supported.`);
  }
  if (present.length > 1) {
    const keys = present.map((entry) => `'${entry.key}'`).join(' and ');
    invalidField(path, `a part holds exactly one data field, got ${keys}.`);
  }
  return present[0];
}

/** `text` as a string. */
export function decodeText(part: WireObject, key: string, path: string): string {
  return expectString(part[key], joinPath(path, key));
}

/** `inlineData` / `fileData` → an image part when the media type says image, else a file part. */
export function decodeMedia(
  part: WireObject,
  kind: 'inlineData' | 'fileData',
  key: string,
  path: string,
): { part: ImagePart | FilePart; extras?: WireObject } {
  const mediaPath = joinPath(path, key);
  const media = expectObject(part[key], mediaPath);
  const mimeType = readString(media, 'mimeType', mediaPath);
  if (kind === 'inlineData') {
    if (mimeType === undefined) missingField(joinPath(mediaPath, 'mimeType'));
    const data = readString(media, 'data', mediaPath);
    if (data === undefined) missingField(joinPath(mediaPath, 'data'));
    const source = { kind: 'base64' as const, mediaType: mimeType, data };
    return {
      part: mimeType.startsWith('image/')
        ? { type: 'image', source }
        : { type: 'file', source, mediaType: mimeType },
    };
  }
  const fileUri = readString(media, 'fileUri', mediaPath);
  if (fileUri === undefined) missingField(joinPath(mediaPath, 'fileUri'));
  const source = { kind: 'url' as const, url: fileUri };
  if (mimeType?.startsWith('image/')) {
    // The canonical image part has no media type; keep it for a Gemini → Gemini hop.
    return { part: { type: 'image', source }, extras: { fileData: { mimeType } } };
  }
  return { part: { type: 'file', source, ...(mimeType === undefined ? {} : { mediaType: mimeType }) } };
}

/** `functionCall {name, args, id?}` → a tool call with a paired id; a wire id is kept as an extra. */
export function decodeFunctionCall(
  part: WireObject,
  key: string,
  path: string,
  pairing: CallPairing,
): { part: ToolCallPart; extras?: WireObject } {
  const callPath = joinPath(path, key);
  const call = expectObject(part[key], callPath);
  const name = readName(call, callPath);
  const argsField = readField(call, 'args');
  const args = isAbsent(argsField) ? {} : expectObject(argsField.value, joinPath(callPath, argsField.key));
  const wireId = readString(call, 'id', callPath);
  const callId = pairing.registerCall(wireId, name);
  const inner = pickUnknownFields(call, new Set(['name', 'args']));
  return {
    part: { type: 'tool-call', callId, toolName: name, argumentsJson: JSON.stringify(args) },
    ...(inner ? { extras: { functionCall: inner } } : {}),
  };
}

/** `functionResponse {name, response, id?, parts?}` → a tool result paired with its call. */
export function decodeFunctionResponse(
  part: WireObject,
  key: string,
  path: string,
  pairing: CallPairing,
): { part: ToolResultPart; extras?: WireObject } {
  const responsePath = joinPath(path, key);
  const wire = expectObject(part[key], responsePath);
  const name = readName(wire, responsePath);
  const bodyField = readField(wire, 'response');
  const body = isAbsent(bodyField)
    ? {}
    : expectObject(bodyField.value, joinPath(responsePath, bodyField.key));
  const { text, isError } = decodeFunctionResponseBody(body);
  const content: ToolResultPart['content'] = [{ type: 'text', text }];
  const nested = readField(wire, 'parts');
  if (!isAbsent(nested)) {
    const nestedPath = joinPath(responsePath, nested.key);
    expectArray(nested.value, nestedPath).forEach((item, index) => {
      content.push(decodeNestedImage(item, `${nestedPath}[${index}]`));
    });
  }
  const callId = pairing.resolveResponse(readString(wire, 'id', responsePath), name);
  const inner = pickUnknownFields(wire, new Set(['name', 'response', 'parts']));
  const result: ToolResultPart = { type: 'tool-result', callId, toolName: name, content };
  if (isError) result.isError = true;
  return { part: result, ...(inner ? { extras: { functionResponse: inner } } : {}) };
}

function decodeNestedImage(value: unknown, path: string): TextPart | ImagePart {
  const part = expectObject(value, path);
  const kind = readPartKind(part, path);
  if (kind?.kind === 'text') return { type: 'text', text: decodeText(part, kind.key, path) };
  if (kind?.kind === 'inlineData' || kind?.kind === 'fileData') {
    const decoded = decodeMedia(part, kind.kind, kind.key, path).part;
    if (decoded.type === 'image') return decoded;
  }
  return invalidField(path, 'function response parts must be text or images.');
}

function readName(object: WireObject, path: string): string {
  const field = readField(object, 'name');
  if (isAbsent(field)) missingField(joinPath(path, 'name'));
  const name = expectString(field.value, joinPath(path, field.key));
  if (name.length === 0) invalidField(joinPath(path, field.key), 'expected a non-empty function name.');
  return name;
}

/** Names the role a part kind may not appear in. */
export function wrongTurn(path: string, key: string, role: 'user' | 'model'): never {
  return invalidField(joinPath(path, key), `'${key}' parts are not accepted in ${role} turns.`);
}

/** Canonical assistant content item. */
export type AssistantPart = AssistantMessage['content'][number];
