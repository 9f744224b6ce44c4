import type { FilePart, ImagePart, TextPart, UserMessage } from '../../canon/index.js';
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
  type WireObject,
} from '../shared/read-fields.js';

type InputPart = TextPart | ImagePart | FilePart;

/** `content` of a user message: a string or `input_text` / `input_image` / `input_file` parts. */
export function decodeUserContent(value: unknown, path: string): UserMessage['content'] {
  if (typeof value === 'string') return [{ type: 'text', text: value }];
  if (value === undefined || value === null) missingField(path);
  const list = expectArray(value, path);
  if (list.length === 0) invalidField(path, 'expected a string or a non-empty array of content parts.');
  return list.map((item, index) => decodeInputPart(item, `${path}[${index}]`));
}

/** `content` of a system or developer message: a string or `input_text` parts only. */
export function decodeSystemContent(value: unknown, path: string): TextPart[] {
  if (typeof value === 'string') return [{ type: 'text', text: value }];
  if (value === undefined || value === null) missingField(path);
  return expectArray(value, path).map((item, index) => {
    const partPath = `${path}[${index}]`;
    const part = expectObject(item, partPath);
    if (part.type !== 'input_text') {
      invalidField(joinPath(partPath, 'type'), `expected 'input_text', got ${describeType(part.type)}.`);
    }
    return { type: 'text', text: expectString(part.text, joinPath(partPath, 'text')) };
  });
}

/** One input content part; tool outputs pass `allowFiles: false` (canonical tool results hold text and images). */
export function decodeInputPart(value: unknown, path: string, allowFiles = true): InputPart {
  const part = expectObject(value, path);
  switch (part.type) {
    case 'input_text':
      return { type: 'text', text: expectString(part.text, joinPath(path, 'text')) };
    case 'input_image':
      return decodeImage(part, path);
    case 'input_file':
      if (!allowFiles) {
        invalidField(joinPath(path, 'type'), "'input_file' is not supported in a function_call_output here.");
      }
      return decodeFile(part, path);
    default:
      return invalidField(
        joinPath(path, 'type'),
        `expected one of 'input_text', 'input_image', 'input_file', got ${describeType(part.type)}.`,
      );
  }
}

const details = new Set(['auto', 'low', 'high']);

function decodeImage(part: WireObject, path: string): ImagePart {
  const detail = part.detail;
  if (detail !== undefined && detail !== null && (typeof detail !== 'string' || !details.has(detail))) {
    invalidField(joinPath(path, 'detail'), `expected 'auto', 'low' or 'high', got ${describeType(detail)}.`);
  }
  const detailField = typeof detail === 'string' ? { detail: detail as ImagePart['detail'] } : {};
  const fileId = optionalString(part, 'file_id', path);
  if (fileId !== undefined) return { type: 'image', source: { kind: 'file-id', fileId }, ...detailField };
  const url = optionalString(part, 'image_url', path);
  if (url === undefined) missingField(joinPath(path, 'image_url'));
  const inline = decodeDataUrl(url);
  if (inline) return { type: 'image', source: { kind: 'base64', ...inline }, ...detailField };
  if (!/^https?:\/\//i.test(url)) {
    invalidField(joinPath(path, 'image_url'), 'expected an http(s) URL or a base64 data URL.');
  }
  return { type: 'image', source: { kind: 'url', url }, ...detailField };
}

function decodeFile(part: WireObject, path: string): FilePart {
  const filename = optionalString(part, 'filename', path);
  const named = filename === undefined ? {} : { filename };
  const fileId = optionalString(part, 'file_id', path);
  if (fileId !== undefined) return { type: 'file', source: { kind: 'file-id', fileId }, ...named };
  const fileUrl = optionalString(part, 'file_url', path);
  if (fileUrl !== undefined) {
    if (!/^https?:\/\//i.test(fileUrl)) invalidField(joinPath(path, 'file_url'), 'expected an http(s) URL.');
    return { type: 'file', source: { kind: 'url', url: fileUrl }, ...named };
  }
  const fileData = optionalString(part, 'file_data', path);
  if (fileData === undefined) missingField(joinPath(path, 'file_data'));
  const inline = decodeDataUrl(fileData);
  if (inline) {
    return { type: 'file', source: { kind: 'base64', ...inline }, mediaType: inline.mediaType, ...named };
  }
  return {
    type: 'file',
    source: { kind: 'base64', mediaType: 'application/octet-stream', data: fileData },
    ...named,
  };
}
