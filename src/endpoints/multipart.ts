import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../canon/index.js';
import { readBodyBytes } from '../server/read-body.js';

/** One uploaded file. */
export interface FormFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** A parsed multipart/form-data body: text fields (last value wins) and files. */
export interface MultipartForm {
  fields: Map<string, string>;
  files: FormFile[];
}

/** Bounds that keep a hostile body from costing more than its size. */
export interface MultipartLimits {
  maxParts: number;
  maxHeaderBytes: number;
  maxFieldBytes: number;
}

const defaultLimits: MultipartLimits = { maxParts: 64, maxHeaderBytes: 4096, maxFieldBytes: 65_536 };

/**
 * Reads a multipart/form-data request within `maxBytes` (413 past it, a declared length over it refused
 * before reading) and parses it. Anything else is a 415; a malformed body a 400.
 */
export async function readMultipartBody(request: IncomingMessage, maxBytes: number): Promise<MultipartForm> {
  const contentType = request.headers['content-type'];
  const boundary = readBoundary(contentType);
  if (boundary === undefined) {
    throw new GatewayError(
      'unsupported_media_type',
      `Unsupported Content-Type '${contentType ?? '(none)'}': send the upload as multipart/form-data.`,
    );
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  return parseMultipart(await readBodyBytes(request, maxBytes), boundary);
}

/** The boundary of a `multipart/form-data` content type, or undefined. */
export function readBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^\s*multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Parses a whole multipart body (RFC 7578). Throws GatewayError('invalid_request') when it is malformed. */
export function parseMultipart(
  body: Buffer,
  boundary: string,
  limits: MultipartLimits = defaultLimits,
): MultipartForm {
  const form: MultipartForm = { fields: new Map(), files: [] };
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const separator = Buffer.from(`\r\n--${boundary}`, 'latin1');
  let position = body.indexOf(delimiter);
  if (position < 0) throw malformed('the boundary never appears');
  position += delimiter.length;
  for (let count = 0; ; count++) {
    // After a delimiter: `--` closes the body, CRLF starts a part.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return form;
    if (body[position] !== 0x0d || body[position + 1] !== 0x0a)
      throw malformed('a boundary is not followed by CRLF');
    if (count >= limits.maxParts) throw malformed(`more than ${limits.maxParts} parts`);
    const headerStart = position + 2;
    const headerEnd = body.indexOf('\r\n\r\n', headerStart, 'latin1');
    if (headerEnd < 0 || headerEnd - headerStart > limits.maxHeaderBytes)
      throw malformed('a part has no or oversized headers');
    const end = body.indexOf(separator, headerEnd + 4);
    if (end < 0) throw malformed('the closing boundary is missing');
    addPart(form, body.toString('utf8', headerStart, headerEnd), body.subarray(headerEnd + 4, end), limits);
    position = end + separator.length;
  }
}

function addPart(form: MultipartForm, headerText: string, data: Buffer, limits: MultipartLimits): void {
  const headers = new Map<string, string>();
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition') ?? '';
  if (!/^form-data\b/i.test(disposition)) throw malformed('a part lacks Content-Disposition: form-data');
  const name = dispositionParameter(disposition, 'name');
  if (name === undefined) throw malformed('a part has no name');
  const filename = dispositionParameter(disposition, 'filename');
  if (filename !== undefined) {
    form.files.push({
      field: name,
      filename,
      contentType: headers.get('content-type') ?? 'application/octet-stream',
      data,
    });
    return;
  }
  if (data.length > limits.maxFieldBytes)
    throw malformed(`field '${name}' exceeds ${limits.maxFieldBytes} bytes`);
  form.fields.set(name, data.toString('utf8'));
}

/** `name="x"` or `name=x` from a Content-Disposition value (quoted strings may escape `"` and `\`). */
function dispositionParameter(disposition: string, parameter: string): string | undefined {
  const pattern = new RegExp(`;\\s*${parameter}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i');
  const match = pattern.exec(disposition);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

/** Builds a multipart body (for the upstream call): text fields, then files. */
export function buildMultipart(
  fields: ReadonlyArray<[string, string]>,
  files: readonly FormFile[],
  boundary: string,
): Buffer {
  const chunks: Buffer[] = [];
  const quote = (value: string) =>
    value.replace(/[\r\n"\\]/g, (character) =>
      character === '"' || character === '\\' ? `\\${character}` : ' ',
    );
  for (const [name, value] of fields) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
        'utf8',
      ),
    );
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"\r\nContent-Type: ${file.contentType.replace(/[\r\n]/g, '')}\r\n\r\n`,
        'utf8',
      ),
      file.data,
      Buffer.from('\r\n', 'latin1'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): GatewayError {
  return new GatewayError('payload_too_large', `The request body exceeds the limit of ${maxBytes} bytes.`);
}

function malformed(reason: string): GatewayError {
  return new GatewayError('invalid_request', `The multipart/form-data body is malformed: ${reason}.`, {
    code: 'invalid_multipart',
  });
}
