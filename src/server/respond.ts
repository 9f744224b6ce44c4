import type { ServerResponse } from 'node:http';
import type { CanonEvent, CanonRequest, GatewayError } from '../canon/index.js';
import type { IngressCodec } from '../codecs/codec.js';
import { SseWriter } from '../http/index.js';

/** Writes a JSON body with the given status and headers. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** An OpenAI-shaped 404 for a path no route serves. */
export function notFound(response: ServerResponse, path: string): void {
  sendJson(response, 404, {
    error: {
      message: `Unknown path: ${path}`,
      type: 'invalid_request_error',
      param: null,
      code: 'not_found',
    },
  });
}

/** Writes an error in the caller's own envelope and status. */
export function sendError(
  response: ServerResponse,
  ingress: Pick<IngressCodec, 'encodeError'>,
  error: GatewayError,
  headers: Record<string, string> = {},
): void {
  const encoded = ingress.encodeError(error);
  const extra: Record<string, string> = { ...headers };
  if (error.details.retryAfterMs !== undefined && (encoded.status === 429 || encoded.status === 503)) {
    extra['retry-after'] = String(Math.max(1, Math.ceil(error.details.retryAfterMs / 1000)));
  }
  // The gateway already retried and failed over upstream failures: an SDK retry would only hammer.
  if (encoded.status >= 500) extra['x-should-retry'] = 'false';
  sendJson(response, encoded.status, encoded.body, extra);
}

/**
 * Streams committed events as SSE in the caller's grammar. Headers go out now (the commit point has
 * passed); the loop stops as soon as the client leaves, which releases the upstream.
 */
export async function streamEvents(
  response: ServerResponse,
  ingress: IngressCodec,
  request: CanonRequest,
  events: AsyncIterable<CanonEvent>,
  headers: Record<string, string>,
): Promise<void> {
  const writer = new SseWriter(response);
  const encoder = ingress.createStreamEncoder(request);
  writer.open(200, headers);
  try {
    for await (const event of events) {
      const frames = encoder.push(event);
      if (frames.length > 0) await writer.write(frames);
      if (writer.closed) break;
    }
    if (!writer.closed) await writer.write(encoder.end());
  } finally {
    writer.end();
  }
}
