import type {
  CacheHint,
  FilePart,
  ImagePart,
  MediaSource,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
  Warning,
} from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { sanitizeToolCallId } from './sanitize-tool-call-id.js';

/** Where a part sits (for warnings) and where its warnings go. */
export interface PartContext {
  path: string;
  warnings: Warning[];
}

/** Copies a block's unknown keys back; a tool result's `content` entry holds those of its inner blocks. */
export function applyBlockExtras(block: WireObject, extras: WireObject | undefined): WireObject {
  if (!extras) return block;
  for (const key in extras) {
    const value = extras[key];
    if (key === 'content' && Array.isArray(block.content) && isWireObject(value)) {
      block.content.forEach((inner, index) => {
        const innerExtras = value[String(index)];
        if (isWireObject(inner) && isWireObject(innerExtras)) Object.assign(inner, innerExtras);
      });
    } else {
      block[key] = value;
    }
  }
  return block;
}

export function encodeCacheControl(cache: CacheHint): WireObject {
  return cache.ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: cache.ttl };
}

export function encodeTextBlock(part: TextPart): WireObject {
  const block: WireObject = { type: 'text', text: part.text };
  if (part.cache) block.cache_control = encodeCacheControl(part.cache);
  return block;
}

function encodeSource(source: MediaSource): WireObject {
  switch (source.kind) {
    case 'url':
      return { type: 'url', url: source.url };
    case 'base64':
      return { type: 'base64', media_type: source.mediaType, data: source.data };
    case 'file-id':
      return { type: 'file', file_id: source.fileId };
  }
}

export function encodeImageBlock(part: ImagePart, context: PartContext): WireObject {
  if (part.detail !== undefined && part.detail !== 'auto') {
    context.warnings.push({
      code: 'unsupported-parameter',
      field: `${context.path}.detail`,
      message: `image detail '${part.detail}' has no Anthropic equivalent; the image is sent at its own resolution.`,
    });
  }
  return { type: 'image', source: encodeSource(part.source) };
}

/** A file becomes a `document` (PDF, plain text) or an `image`; audio and other types cannot be sent. */
export function encodeFileBlock(part: FilePart, context: PartContext): WireObject | undefined {
  const source = part.source;
  const mediaType = source.kind === 'base64' ? source.mediaType : (part.mediaType ?? 'application/pdf');
  if (mediaType.startsWith('image/')) return { type: 'image', source: encodeSource(source) };
  const title = part.filename === undefined ? {} : { title: part.filename };
  if (source.kind !== 'base64' || mediaType === 'application/pdf') {
    return { type: 'document', source: encodeSource(source), ...title };
  }
  if (mediaType === 'text/plain') {
    const data = Buffer.from(source.data, 'base64').toString('utf8');
    return { type: 'document', source: { type: 'text', media_type: 'text/plain', data }, ...title };
  }
  context.warnings.push({
    code: 'unsupported-parameter',
    field: context.path,
    message: `a '${mediaType}' file cannot be sent to Anthropic (documents are PDF or plain text); dropped.`,
  });
  return undefined;
}

/**
 * Signed thinking and redacted thinking go back as they came; reasoning text without a signature (from
 * another provider) cannot: Anthropic verifies signatures.
 */
export function encodeReasoningBlock(part: ReasoningPart, context: PartContext): WireObject | undefined {
  if (part.redactedData !== undefined) return { type: 'redacted_thinking', data: part.redactedData };
  if (part.signature !== undefined && part.signature.length > 0) {
    return { type: 'thinking', thinking: part.text, signature: part.signature };
  }
  context.warnings.push({
    code: 'unsupported-parameter',
    field: context.path,
    message: 'reasoning without an Anthropic signature cannot be sent back to Anthropic; dropped.',
  });
  return undefined;
}

/** Arguments are JSON text in the hub and an object on Anthropic's wire. */
export function encodeToolUseBlock(part: ToolCallPart, context: PartContext): WireObject {
  let input: unknown = {};
  try {
    input = part.argumentsJson.trim() === '' ? {} : JSON.parse(part.argumentsJson);
  } catch {
    input = undefined;
  }
  if (!isWireObject(input)) {
    context.warnings.push({
      code: 'parameter-changed',
      field: context.path,
      message: `tool call arguments of '${part.toolName}' are not a JSON object; sent as {}.`,
    });
    input = {};
  }
  return { type: 'tool_use', id: sanitizeToolCallId(part.callId), name: part.toolName, input };
}

export function encodeToolResultBlock(part: ToolResultPart, extras: WireObject | undefined): WireObject {
  const block: WireObject = { type: 'tool_result', tool_use_id: sanitizeToolCallId(part.callId) };
  const single = part.content.length === 1 ? part.content[0] : undefined;
  const nestedExtras = extras !== undefined && isWireObject(extras.content);
  if (single?.type === 'text' && single.cache === undefined && !nestedExtras) block.content = single.text;
  else if (part.content.length > 0) {
    block.content = part.content.map((inner) =>
      inner.type === 'text' ? encodeTextBlock(inner) : { type: 'image', source: encodeSource(inner.source) },
    );
  }
  if (part.isError !== undefined) block.is_error = part.isError;
  return applyBlockExtras(block, extras);
}
