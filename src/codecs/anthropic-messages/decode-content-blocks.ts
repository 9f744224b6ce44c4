import type {
  CacheHint,
  FilePart,
  ImagePart,
  MediaSource,
  ReasoningPart,
  TextPart,
  ToolCallPart,
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
  optionalBoolean,
  optionalString,
  pickUnknown,
  type WireObject,
} from '../shared/read-fields.js';

/** A decoded block and the keys the hub does not model (kept for a same-shape hop). */
export interface DecodedBlock<Part> {
  part: Part;
  extras?: WireObject;
}

const knownKeys = {
  text: new Set(['type', 'text', 'cache_control']),
  image: new Set(['type', 'source']),
  document: new Set(['type', 'source', 'title']),
  toolUse: new Set(['type', 'id', 'name', 'input']),
  thinking: new Set(['type', 'thinking', 'signature']),
  redactedThinking: new Set(['type', 'data']),
  toolResult: new Set(['type', 'tool_use_id', 'content', 'is_error']),
} satisfies Record<string, ReadonlySet<string>>;

function withExtras<Part>(part: Part, block: WireObject, known: ReadonlySet<string>): DecodedBlock<Part> {
  const extras = pickUnknown(block, known);
  return extras ? { part, extras } : { part };
}

function required(block: WireObject, key: string, path: string): unknown {
  const value = block[key];
  if (value === undefined || value === null) missingField(joinPath(path, key));
  return value;
}

/** `cache_control: {type: "ephemeral", ttl?}` → CacheHint. */
export function decodeCacheHint(value: unknown, path: string): CacheHint | undefined {
  if (value === undefined || value === null) return undefined;
  const control = expectObject(value, path);
  if (control.type !== 'ephemeral') {
    invalidField(joinPath(path, 'type'), `expected 'ephemeral', got ${describeType(control.type)}.`);
  }
  const ttl = control.ttl;
  if (ttl === undefined || ttl === null) return {};
  if (ttl !== '5m' && ttl !== '1h')
    invalidField(joinPath(path, 'ttl'), `expected '5m' or '1h', got ${describeType(ttl)}.`);
  return { ttl };
}

export function decodeTextBlock(block: WireObject, path: string): DecodedBlock<TextPart> {
  const part: TextPart = {
    type: 'text',
    text: expectString(required(block, 'text', path), joinPath(path, 'text')),
  };
  const cache = decodeCacheHint(block.cache_control, joinPath(path, 'cache_control'));
  if (cache) part.cache = cache;
  return withExtras(part, block, knownKeys.text);
}

function decodeSource(block: WireObject, path: string, kinds: ReadonlySet<string>): MediaSource {
  const sourcePath = joinPath(path, 'source');
  const source = expectObject(required(block, 'source', path), sourcePath);
  const kind = source.type;
  if (typeof kind !== 'string' || !kinds.has(kind)) {
    invalidField(
      joinPath(sourcePath, 'type'),
      `expected one of ${[...kinds].map((k) => `'${k}'`).join(', ')}, got ${describeType(kind)}.`,
    );
  }
  switch (kind) {
    case 'base64':
      return {
        kind: 'base64',
        mediaType: expectString(
          required(source, 'media_type', sourcePath),
          joinPath(sourcePath, 'media_type'),
        ),
        data: expectString(required(source, 'data', sourcePath), joinPath(sourcePath, 'data')),
      };
    case 'url':
      return {
        kind: 'url',
        url: expectString(required(source, 'url', sourcePath), joinPath(sourcePath, 'url')),
      };
    case 'file':
      return {
        kind: 'file-id',
        fileId: expectString(required(source, 'file_id', sourcePath), joinPath(sourcePath, 'file_id')),
      };
    default: {
      // A plain-text document: the hub carries files as bytes, so the text is base64-encoded.
      const data = expectString(required(source, 'data', sourcePath), joinPath(sourcePath, 'data'));
      return { kind: 'base64', mediaType: 'text/plain', data: Buffer.from(data, 'utf8').toString('base64') };
    }
  }
}

const imageSources: ReadonlySet<string> = new Set(['base64', 'url', 'file']);
const documentSources: ReadonlySet<string> = new Set(['base64', 'url', 'file', 'text']);

export function decodeImageBlock(block: WireObject, path: string): DecodedBlock<ImagePart> {
  return withExtras(
    { type: 'image', source: decodeSource(block, path, imageSources) },
    block,
    knownKeys.image,
  );
}

/** A `document` (PDF or plain text) → FilePart; its `title` travels as the file name. */
export function decodeDocumentBlock(block: WireObject, path: string): DecodedBlock<FilePart> {
  const source = decodeSource(block, path, documentSources);
  const part: FilePart = { type: 'file', source };
  if (source.kind === 'base64') part.mediaType = source.mediaType;
  else if (source.kind === 'url') part.mediaType = 'application/pdf';
  const title = optionalString(block, 'title', path);
  if (title !== undefined) part.filename = title;
  return withExtras(part, block, knownKeys.document);
}

/** `tool_use.input` is an object on the wire; the hub keeps arguments as JSON text, stringified once here. */
export function decodeToolUseBlock(block: WireObject, path: string): DecodedBlock<ToolCallPart> {
  const input =
    block.input === undefined || block.input === null
      ? {}
      : expectObject(block.input, joinPath(path, 'input'));
  const part: ToolCallPart = {
    type: 'tool-call',
    callId: expectString(required(block, 'id', path), joinPath(path, 'id')),
    toolName: expectString(required(block, 'name', path), joinPath(path, 'name')),
    argumentsJson: JSON.stringify(input),
  };
  return withExtras(part, block, knownKeys.toolUse);
}

export function decodeThinkingBlock(block: WireObject, path: string): DecodedBlock<ReasoningPart> {
  const part: ReasoningPart = {
    type: 'reasoning',
    text: expectString(required(block, 'thinking', path), joinPath(path, 'thinking')),
  };
  const signature = optionalString(block, 'signature', path);
  if (signature !== undefined) part.signature = signature;
  return withExtras(part, block, knownKeys.thinking);
}

export function decodeRedactedThinkingBlock(block: WireObject, path: string): DecodedBlock<ReasoningPart> {
  const data = expectString(required(block, 'data', path), joinPath(path, 'data'));
  return withExtras({ type: 'reasoning', text: '', redactedData: data }, block, knownKeys.redactedThinking);
}

/**
 * A `tool_result` → ToolResultPart. The tool's name is recovered from the earlier `tool_use` with the
 * same id (Gemini needs it). Unknown keys of the blocks inside `content` are kept under the extras'
 * `content` key, by position: `content` itself is a known key, so the name cannot clash.
 */
export function decodeToolResultBlock(
  block: WireObject,
  path: string,
  toolNames: ReadonlyMap<string, string>,
): DecodedBlock<ToolResultPart> {
  const callId = expectString(required(block, 'tool_use_id', path), joinPath(path, 'tool_use_id'));
  const part: ToolResultPart = { type: 'tool-result', callId, content: [] };
  const toolName = toolNames.get(callId);
  if (toolName !== undefined) part.toolName = toolName;
  const isError = optionalBoolean(block, 'is_error', path);
  if (isError !== undefined) part.isError = isError;
  const nested: Record<string, WireObject> = {};
  const contentPath = joinPath(path, 'content');
  if (typeof block.content === 'string') {
    if (block.content.length > 0) part.content.push({ type: 'text', text: block.content });
  } else if (block.content !== undefined && block.content !== null) {
    expectArray(block.content, contentPath).forEach((item, index) => {
      const itemPath = `${contentPath}[${index}]`;
      const inner = expectObject(item, itemPath);
      const decoded =
        inner.type === 'text'
          ? decodeTextBlock(inner, itemPath)
          : inner.type === 'image'
            ? decodeImageBlock(inner, itemPath)
            : invalidField(
                joinPath(itemPath, 'type'),
                `expected 'text' or 'image' (the gateway carries no other tool result content), got ${describeType(inner.type)}.`,
              );
      part.content.push(decoded.part);
      if (decoded.extras) nested[String(index)] = decoded.extras;
    });
  }
  const decoded = withExtras(part, block, knownKeys.toolResult);
  if (Object.keys(nested).length > 0) decoded.extras = { ...decoded.extras, content: nested };
  return decoded;
}
