import type {
  AssistantMessage,
  CanonMessage,
  FilePart,
  ImagePart,
  TextPart,
  ToolMessage,
  Warning,
} from '../../canon/index.js';
import { encodeDataUrl } from '../shared/data-url.js';
import type { WireObject } from '../shared/read-fields.js';
import { itemExtrasOf } from './vendor.js';

/**
 * Canonical messages → Responses `input` items. Assistant turns become one item per part (`message`,
 * `function_call`, `reasoning`), tool turns one `function_call_output` per result, keyed by `call_id`.
 * Reasoning from other providers is dropped with a warning: OpenAI only accepts its own reasoning items.
 */
export function encodeResponsesInput(messages: CanonMessage[], warnings: Warning[]): WireObject[] {
  const items: WireObject[] = [];
  let droppedReasoning = false;
  let droppedErrorFlag = false;
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        items.push({
          type: 'message',
          role: message.developer ? 'developer' : 'system',
          content: encodeTexts(message.content),
          ...itemExtrasOf(message, 0),
        });
        break;
      case 'user':
        items.push({
          type: 'message',
          role: 'user',
          content: encodeUserContent(message.content),
          ...itemExtrasOf(message, 0),
        });
        break;
      case 'assistant':
        droppedReasoning = encodeAssistant(message, items) || droppedReasoning;
        break;
      case 'tool':
        droppedErrorFlag = encodeToolResults(message, items) || droppedErrorFlag;
        break;
    }
  }
  if (droppedReasoning) {
    warnings.push({
      code: 'unsupported-content',
      field: 'reasoning',
      message: 'reasoning from another provider cannot be replayed to a Responses upstream; dropped.',
    });
  }
  if (droppedErrorFlag) {
    warnings.push({
      code: 'unsupported-parameter',
      field: 'is_error',
      message: 'function_call_output has no error flag; tool errors were sent as plain output.',
    });
  }
  return items;
}

function encodeTexts(parts: TextPart[]): string | WireObject[] {
  if (parts.length === 1) return (parts[0] as TextPart).text;
  return parts.map((part) => ({ type: 'input_text', text: part.text }));
}

function encodeUserContent(parts: Array<TextPart | ImagePart | FilePart>): string | WireObject[] {
  if (parts.length === 1 && parts[0]?.type === 'text') return parts[0].text;
  return parts.map((part) => {
    if (part.type === 'text') return { type: 'input_text', text: part.text };
    if (part.type === 'image') return encodeImage(part);
    return encodeFile(part);
  });
}

function encodeImage(part: ImagePart): WireObject {
  const source = part.source;
  const wire: WireObject = { type: 'input_image', detail: part.detail ?? 'auto' };
  if (source.kind === 'file-id') wire.file_id = source.fileId;
  else wire.image_url = source.kind === 'url' ? source.url : encodeDataUrl(source.mediaType, source.data);
  return wire;
}

function encodeFile(part: FilePart): WireObject {
  const source = part.source;
  const wire: WireObject = { type: 'input_file' };
  if (source.kind === 'file-id') wire.file_id = source.fileId;
  else if (source.kind === 'url') wire.file_url = source.url;
  else wire.file_data = encodeDataUrl(source.mediaType, source.data);
  if (part.filename !== undefined) wire.filename = part.filename;
  return wire;
}

/** Returns true when a reasoning part had to be dropped. */
function encodeAssistant(message: AssistantMessage, items: WireObject[]): boolean {
  let dropped = false;
  message.content.forEach((part, index) => {
    const extras = itemExtrasOf(message, index);
    switch (part.type) {
      case 'text':
        // Without the upstream's item id, the easy form is the one every Responses server accepts.
        items.push(
          extras?.id === undefined
            ? { type: 'message', role: 'assistant', content: part.text }
            : {
                type: 'message',
                role: 'assistant',
                ...extras,
                content: [{ type: 'output_text', text: part.text, annotations: [] }],
              },
        );
        break;
      case 'refusal':
        items.push(
          extras?.id === undefined
            ? { type: 'message', role: 'assistant', content: part.text }
            : {
                type: 'message',
                role: 'assistant',
                ...extras,
                content: [{ type: 'refusal', refusal: part.text }],
              },
        );
        break;
      case 'tool-call':
        items.push({
          type: 'function_call',
          ...extras,
          call_id: part.callId,
          name: part.toolName,
          arguments: part.argumentsJson === '' ? '{}' : part.argumentsJson,
        });
        break;
      case 'reasoning':
        if (extras?.id === undefined) {
          dropped = true;
          break;
        }
        items.push({
          type: 'reasoning',
          ...extras,
          ...(extras.summary === undefined
            ? { summary: part.text.length > 0 ? [{ type: 'summary_text', text: part.text }] : [] }
            : { content: [{ type: 'reasoning_text', text: part.text }] }),
        });
        break;
    }
  });
  return dropped;
}

/** Returns true when an error flag could not be carried. */
function encodeToolResults(message: ToolMessage, items: WireObject[]): boolean {
  let dropped = false;
  message.content.forEach((result, index) => {
    if (result.isError) dropped = true;
    const allText = result.content.every((part) => part.type === 'text');
    items.push({
      type: 'function_call_output',
      ...itemExtrasOf(message, index),
      call_id: result.callId,
      output: allText
        ? (result.content as TextPart[]).map((part) => part.text).join('')
        : result.content.map((part) =>
            part.type === 'text' ? { type: 'input_text', text: part.text } : encodeImage(part),
          ),
    });
  });
  return dropped;
}
