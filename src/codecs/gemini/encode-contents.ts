import type {
  CanonMessage,
  FilePart,
  ImagePart,
  ToolMessage,
  UserMessage,
  Warning,
} from '../../canon/index.js';
import { invalidField, type WireObject } from '../shared/read-fields.js';
import { encodeAssistantParts } from './encode-assistant-parts.js';
import { encodeFunctionResponseBody } from './function-response-body.js';
import { mergePartExtras, type PartExtras, readPartExtras } from './part-extras.js';

/** `contents` plus `systemInstruction` for an upstream request. */
export interface EncodedContents {
  contents: WireObject[];
  systemInstruction?: WireObject;
}

const googleFilePattern =
  /^(gs:\/\/|https:\/\/generativelanguage\.googleapis\.com\/|https:\/\/(www\.)?(youtube\.com|youtu\.be)\/)/;
const geminiFileIdPattern = /^(files\/|https:\/\/generativelanguage\.googleapis\.com\/)/;
const mediaTypes: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  txt: 'text/plain',
};

/**
 * Canonical messages → Gemini contents. System messages go to `systemInstruction`; user and tool
 * messages become `user` contents and assistant messages `model` contents, consecutive same roles merged.
 * A tool result's function name comes from the result or, failing that, from the earlier assistant tool
 * call with the same id. `thoughtSignatureFallback` goes on the first function call of a model turn that
 * has no signature (Gemini 3 rejects replayed calls without one; tool calls from other providers have none).
 */
export function encodeGeminiContents(
  messages: CanonMessage[],
  warnings: Warning[],
  thoughtSignatureFallback: string | null,
): EncodedContents {
  const callNames = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const part of message.content)
      if (part.type === 'tool-call') callNames.set(part.callId, part.toolName);
  }
  const contents: WireObject[] = [];
  const systemParts: WireObject[] = [];
  let hoistWarned = false;
  const append = (role: 'user' | 'model', parts: WireObject[]) => {
    const kept = parts.filter((part) => !isEmptyText(part));
    if (kept.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) (last.parts as WireObject[]).push(...kept);
    else contents.push({ role, parts: kept });
  };
  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    const extras = readPartExtras(message.vendor);
    switch (message.role) {
      case 'system':
        if (contents.length > 0 && !hoistWarned) {
          hoistWarned = true;
          warnHoisted(warnings, path);
        }
        systemParts.push(
          ...message.content.filter((part) => part.text !== '').map((part) => ({ text: part.text })),
        );
        return;
      case 'user':
        append('user', encodeUserParts(message, path, warnings, extras));
        return;
      case 'assistant': {
        const encoded = encodeAssistantParts(message.content, { emitCallIds: false, extras });
        for (const name of encoded.invalidArguments) {
          warnings.push({
            code: 'parameter-changed',
            field: `${path}.tool_calls`,
            message: `Arguments of the call to '${name}' are not a JSON object; sent to Gemini as {}.`,
          });
        }
        if (encoded.redactedDropped > 0) {
          warnings.push({
            code: 'unsupported-parameter',
            field: `${path}.content`,
            message: 'Redacted reasoning cannot be sent to Gemini; dropped.',
          });
        }
        append('model', encoded.parts);
        return;
      }
      case 'tool':
        append('user', encodeToolResults(message, path, callNames, warnings, extras));
        return;
    }
  });
  if (thoughtSignatureFallback !== null) addSignatureFallback(contents, thoughtSignatureFallback);
  return systemParts.length > 0 ? { contents, systemInstruction: { parts: systemParts } } : { contents };
}

function isEmptyText(part: WireObject): boolean {
  return part.text === '' && part.thoughtSignature === undefined;
}

function warnHoisted(warnings: Warning[], path: string): void {
  warnings.push({
    code: 'parameter-changed',
    field: path,
    message:
      'Gemini has one system instruction: a system message after the conversation began was moved to it.',
  });
}

function encodeUserParts(
  message: UserMessage,
  path: string,
  warnings: Warning[],
  extras: PartExtras,
): WireObject[] {
  return message.content.flatMap((part, index) => {
    const partPath = `${path}.content[${index}]`;
    const wire = part.type === 'text' ? { text: part.text } : encodeMedia(part, partPath, warnings);
    return wire ? [mergePartExtras(wire, extras[String(index)])] : [];
  });
}

/** Base64 media inline; URLs and Gemini file ids as `fileData`; other providers' file ids dropped, warned. */
export function encodeMedia(
  part: ImagePart | FilePart,
  path: string,
  warnings: Warning[],
): WireObject | undefined {
  const source = part.source;
  if (source.kind === 'base64') return { inlineData: { mimeType: source.mediaType, data: source.data } };
  if (source.kind === 'file-id' && !geminiFileIdPattern.test(source.fileId)) {
    warnings.push({
      code: 'unsupported-parameter',
      field: path,
      message: `File id '${source.fileId}' belongs to another provider; Gemini cannot read it, dropped.`,
    });
    return undefined;
  }
  const uri = source.kind === 'url' ? source.url : source.fileId;
  if (!googleFilePattern.test(uri) && !geminiFileIdPattern.test(uri)) {
    warnings.push({
      code: 'remote-media-url',
      field: path,
      message:
        'Sent to Gemini as fileData with the URL: the Gemini Developer API may not fetch arbitrary URLs.',
    });
  }
  const mimeType = (part.type === 'file' ? part.mediaType : undefined) ?? guessMediaType(uri);
  return { fileData: { ...(mimeType === undefined ? {} : { mimeType }), fileUri: uri } };
}

function guessMediaType(uri: string): string | undefined {
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(uri)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : mediaTypes[extension];
}

/**
 * Tool results → `functionResponse` parts (name recovered from the call when the result lacks it).
 * Images in a result follow the responses as inline parts of the same user content: every Gemini model
 * accepts that, while nested `functionResponse.parts` are Gemini 3 only.
 */
function encodeToolResults(
  message: ToolMessage,
  path: string,
  callNames: Map<string, string>,
  warnings: Warning[],
  extras: PartExtras,
): WireObject[] {
  const responses: WireObject[] = [];
  const media: WireObject[] = [];
  message.content.forEach((result, index) => {
    const resultPath = `${path}.content[${index}]`;
    const name = result.toolName ?? callNames.get(result.callId);
    if (name === undefined) {
      invalidField(`${resultPath}.callId`, `no earlier assistant tool call has id '${result.callId}'.`);
    }
    const text = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
    const wire = {
      functionResponse: { name, response: encodeFunctionResponseBody(text, result.isError === true) },
    };
    responses.push(mergePartExtras(wire, extras[String(index)]));
    result.content.forEach((part, position) => {
      if (part.type !== 'image') return;
      const encoded = encodeMedia(part, `${resultPath}.content[${position}]`, warnings);
      if (encoded) media.push(encoded);
    });
  });
  return [...responses, ...media];
}

function addSignatureFallback(contents: WireObject[], signature: string): void {
  for (const content of contents) {
    if (content.role !== 'model') continue;
    const parts = content.parts as WireObject[];
    const firstCall = parts.find((part) => part.functionCall !== undefined);
    if (firstCall && firstCall.thoughtSignature === undefined) firstCall.thoughtSignature = signature;
  }
}
