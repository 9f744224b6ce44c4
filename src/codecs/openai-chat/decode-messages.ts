import type {
  AssistantMessage,
  CanonMessage,
  FilePart,
  ImagePart,
  TextPart,
  ToolCallPart,
  UserMessage,
} from '../../canon/index.js';
import { decodeDataUrl } from '../shared/data-url.js';
import {
  describeType,
  expectArray,
  expectObject,
  expectString,
  invalidField,
  joinPath,
  missingField,
  optionalString,
  pickUnknown,
  type WireObject,
} from '../shared/read-fields.js';

const knownMessageKeys: Record<string, ReadonlySet<string>> = {
  system: new Set(['role', 'content', 'name']),
  developer: new Set(['role', 'content', 'name']),
  user: new Set(['role', 'content', 'name']),
  // reasoning_content / reasoning are decoded AND kept verbatim: OpenAI-compatible servers differ on
  // whether they accept them back, so only the caller's own shape restores them.
  assistant: new Set(['role', 'content', 'name', 'tool_calls', 'refusal']),
  tool: new Set(['role', 'content', 'tool_call_id']),
};

/** Decodes OpenAI chat `messages` into canonical messages, naming the exact field on any error. */
export function decodeOpenAiMessages(value: unknown): CanonMessage[] {
  if (value === undefined || value === null) missingField('messages');
  const list = expectArray(value, 'messages');
  if (list.length === 0) invalidField('messages', 'expected a non-empty array of messages.');
  return list.map((item, index) => decodeMessage(item, `messages[${index}]`));
}

function decodeMessage(value: unknown, path: string): CanonMessage {
  const wire = expectObject(value, path);
  const role = wire.role;
  if (role === undefined) missingField(joinPath(path, 'role'));
  if (typeof role !== 'string' || !(role in knownMessageKeys)) {
    invalidField(
      joinPath(path, 'role'),
      `expected one of 'system', 'developer', 'user', 'assistant', 'tool', got ${describeType(role)}.`,
    );
  }
  const message = decodeByRole(role, wire, path);
  const extras = pickUnknown(wire, knownMessageKeys[role] as ReadonlySet<string>);
  if (extras) message.vendor = { 'openai-chat': extras };
  return message;
}

function decodeByRole(role: string, wire: WireObject, path: string): CanonMessage {
  const name = optionalString(wire, 'name', path);
  switch (role) {
    case 'system':
    case 'developer': {
      const content = decodeTextOnly(wire.content, joinPath(path, 'content'), true);
      return {
        role: 'system',
        content,
        ...(role === 'developer' ? { developer: true } : {}),
        ...(name === undefined ? {} : { name }),
      };
    }
    case 'user':
      return {
        role: 'user',
        content: decodeUserContent(wire.content, joinPath(path, 'content')),
        ...nameField(name),
      };
    case 'assistant':
      return decodeAssistant(wire, path, name);
    default: {
      const callId = wire.tool_call_id;
      if (callId === undefined || callId === null) missingField(joinPath(path, 'tool_call_id'));
      return {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            callId: expectString(callId, joinPath(path, 'tool_call_id')),
            content: decodeTextOnly(wire.content, joinPath(path, 'content'), false),
          },
        ],
      };
    }
  }
}

function nameField(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}

function decodeTextOnly(value: unknown, path: string, required: boolean): TextPart[] {
  if (typeof value === 'string') return [{ type: 'text', text: value }];
  if (value === undefined || value === null) {
    if (required) missingField(path);
    return [];
  }
  return expectArray(value, path).map((item, index) => {
    const partPath = `${path}[${index}]`;
    const part = expectObject(item, partPath);
    if (part.type !== 'text')
      invalidField(joinPath(partPath, 'type'), `expected 'text', got ${describeType(part.type)}.`);
    return { type: 'text', text: expectString(part.text, joinPath(partPath, 'text')) };
  });
}

function decodeUserContent(value: unknown, path: string): UserMessage['content'] {
  if (typeof value === 'string') return [{ type: 'text', text: value }];
  if (value === undefined || value === null) missingField(path);
  const list = expectArray(value, path);
  if (list.length === 0) invalidField(path, 'expected a string or a non-empty array of content parts.');
  return list.map((item, index) => decodeUserPart(item, `${path}[${index}]`));
}

function decodeUserPart(value: unknown, path: string): TextPart | ImagePart | FilePart {
  const part = expectObject(value, path);
  switch (part.type) {
    case 'text':
      return { type: 'text', text: expectString(part.text, joinPath(path, 'text')) };
    case 'image_url':
      return decodeImagePart(part, path);
    case 'input_audio': {
      const audio = expectObject(part.input_audio, joinPath(path, 'input_audio'));
      const format = expectString(audio.format, joinPath(path, 'input_audio.format'));
      if (format !== 'wav' && format !== 'mp3') {
        invalidField(
          joinPath(path, 'input_audio.format'),
          `expected 'wav' or 'mp3', got ${describeType(format)}.`,
        );
      }
      const data = expectString(audio.data, joinPath(path, 'input_audio.data'));
      return {
        type: 'file',
        source: { kind: 'base64', mediaType: `audio/${format}`, data },
        mediaType: `audio/${format}`,
      };
    }
    case 'file':
      return decodeFilePart(part, path);
    default:
      return invalidField(
        joinPath(path, 'type'),
        `expected one of 'text', 'image_url', 'input_audio', 'file', got ${describeType(part.type)}.`,
      );
  }
}

function decodeImagePart(part: WireObject, path: string): ImagePart {
  const image = expectObject(part.image_url, joinPath(path, 'image_url'));
  const url = expectString(image.url, joinPath(path, 'image_url.url'));
  const detail = image.detail;
  if (detail !== undefined && detail !== null && detail !== 'auto' && detail !== 'low' && detail !== 'high') {
    invalidField(
      joinPath(path, 'image_url.detail'),
      `expected 'auto', 'low' or 'high', got ${describeType(detail)}.`,
    );
  }
  const inline = decodeDataUrl(url);
  const source: ImagePart['source'] = inline ? { kind: 'base64', ...inline } : { kind: 'url', url };
  if (!inline && !/^https?:\/\//i.test(url)) {
    invalidField(joinPath(path, 'image_url.url'), 'expected an http(s) URL or a base64 data URL.');
  }
  return { type: 'image', source, ...(typeof detail === 'string' ? { detail } : {}) };
}

function decodeFilePart(part: WireObject, path: string): FilePart {
  const file = expectObject(part.file, joinPath(path, 'file'));
  const filename = optionalString(file, 'filename', joinPath(path, 'file'));
  const fileId = optionalString(file, 'file_id', joinPath(path, 'file'));
  const fileData = optionalString(file, 'file_data', joinPath(path, 'file'));
  const named = filename === undefined ? {} : { filename };
  if (fileId !== undefined) return { type: 'file', source: { kind: 'file-id', fileId }, ...named };
  if (fileData === undefined) missingField(joinPath(path, 'file.file_data'));
  const inline = decodeDataUrl(fileData);
  if (inline)
    return { type: 'file', source: { kind: 'base64', ...inline }, mediaType: inline.mediaType, ...named };
  return {
    type: 'file',
    source: { kind: 'base64', mediaType: 'application/octet-stream', data: fileData },
    ...named,
  };
}

function decodeAssistant(wire: WireObject, path: string, name: string | undefined): AssistantMessage {
  const content: AssistantMessage['content'] = [];
  const reasoning = wire.reasoning_content ?? wire.reasoning;
  if (typeof reasoning === 'string' && reasoning.length > 0)
    content.push({ type: 'reasoning', text: reasoning });
  const contentPath = joinPath(path, 'content');
  if (typeof wire.content === 'string') {
    if (wire.content.length > 0) content.push({ type: 'text', text: wire.content });
  } else if (Array.isArray(wire.content)) {
    wire.content.forEach((item, index) => {
      const partPath = `${contentPath}[${index}]`;
      const part = expectObject(item, partPath);
      if (part.type === 'text')
        content.push({ type: 'text', text: expectString(part.text, joinPath(partPath, 'text')) });
      else if (part.type === 'refusal') {
        content.push({ type: 'refusal', text: expectString(part.refusal, joinPath(partPath, 'refusal')) });
      } else
        invalidField(
          joinPath(partPath, 'type'),
          `expected 'text' or 'refusal', got ${describeType(part.type)}.`,
        );
    });
  } else if (wire.content !== undefined && wire.content !== null) {
    invalidField(contentPath, `expected a string, an array or null, got ${describeType(wire.content)}.`);
  }
  const refusal = optionalString(wire, 'refusal', path);
  if (refusal !== undefined) content.push({ type: 'refusal', text: refusal });
  if (wire.tool_calls !== undefined && wire.tool_calls !== null) {
    const callsPath = joinPath(path, 'tool_calls');
    expectArray(wire.tool_calls, callsPath).forEach((item, index) => {
      content.push(decodeToolCall(item, `${callsPath}[${index}]`));
    });
  }
  if (content.length === 0 && wire.content === undefined) missingField(contentPath);
  return { role: 'assistant', content, ...nameField(name) };
}

function decodeToolCall(value: unknown, path: string): ToolCallPart {
  const call = expectObject(value, path);
  if (call.type !== undefined && call.type !== 'function') {
    invalidField(joinPath(path, 'type'), `expected 'function', got ${describeType(call.type)}.`);
  }
  const fn = expectObject(call.function, joinPath(path, 'function'));
  return {
    type: 'tool-call',
    callId: expectString(call.id, joinPath(path, 'id')),
    toolName: expectString(fn.name, joinPath(path, 'function.name')),
    argumentsJson:
      fn.arguments === undefined ? '{}' : expectString(fn.arguments, joinPath(path, 'function.arguments')),
  };
}
