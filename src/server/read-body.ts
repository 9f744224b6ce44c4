import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../canon/index.js';

/**
 * Reads and parses a JSON request body, refusing early: a declared length over the limit is a 413
 * before any byte is read, a body that grows past it is cut off, a non-JSON content type is a 415.
 */
export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const contentType = request.headers['content-type'];
  if (
    contentType !== undefined &&
    !/^application\/(?:[\w.+-]*\+)?json\b/i.test(contentType) &&
    !/^text\/plain\b/i.test(contentType)
  ) {
    throw new GatewayError(
      'unsupported_media_type',
      `Unsupported Content-Type '${contentType}': send the body as application/json.`,
    );
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readText(request, maxBytes);
  if (text.length === 0)
    throw new GatewayError('invalid_request', 'The request body is empty: send a JSON object.');
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'invalid JSON';
    throw new GatewayError('invalid_request', `The request body is not valid JSON: ${detail}`, {
      code: 'invalid_json',
    });
  }
}

function tooLarge(maxBytes: number): GatewayError {
  return new GatewayError('payload_too_large', `The request body exceeds the limit of ${maxBytes} bytes.`);
}

async function readText(request: IncomingMessage, maxBytes: number): Promise<string> {
  return (await readBodyBytes(request, maxBytes)).toString('utf8');
}

/**
 * The whole request body as bytes, refusing (413) as soon as it grows past `maxBytes`; a client that
 * leaves mid-body is a `client_closed` error. Shared by the JSON and multipart readers.
 */
export function readBodyBytes(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        // Stop reading; the response (413) is sent and the connection closed by the caller.
        request.pause();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new GatewayError('client_closed', `reading the request body failed: ${error.message}`));
    };
    const onAborted = () => {
      cleanup();
      reject(new GatewayError('client_closed', 'the client closed the connection while sending the body'));
    };
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}
