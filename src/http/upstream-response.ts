import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { GatewayError } from '../canon/errors.js';
import type { CancelSignal } from './cancellation.js';
import { mapTransportError, type TransportTimeouts } from './transport-errors.js';

/**
 * An upstream response whose headers have arrived. The body must be consumed exactly once —
 * iterate `body`, or call `text()`, `json()` or `dump()` — or the socket stays busy until the
 * body timeout fires.
 */
export interface UpstreamResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Body chunks as they arrive; errors are GatewayErrors, like `send()`'s. */
  body: AsyncIterable<Uint8Array>;
  text(): Promise<string>;
  /** Parses the body as JSON; invalid JSON is an `upstream_protocol` error. */
  json(): Promise<unknown>;
  /** Discards the body and frees the socket; never rejects. */
  dump(): Promise<void>;
}

/** The facts needed to translate body errors the same way as request errors. */
export interface ErrorContext {
  origin: string;
  timeouts: TransportTimeouts;
  signal: CancelSignal | undefined;
}

/** Flattens undici's header record to lower-case names and single string values. */
export function normalizeHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    result[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', ');
  }
  return result;
}

type UndiciBody = Dispatcher.ResponseData['body'];

/** Wraps the body's async iterator so every failure surfaces as a mapped GatewayError. */
function mappedBody(body: UndiciBody, context: ErrorContext): AsyncIterable<Uint8Array> {
  const rethrow = (error: unknown): never => {
    throw mapTransportError(error, context.origin, context.timeouts, context.signal);
  };
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      const inner = body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
      return {
        next: () => inner.next().then(undefined, rethrow),
        // Leaving a for-await loop early destroys the body, which releases the upstream socket.
        return: (value?: unknown) =>
          (inner.return?.(value) ?? Promise.resolve({ done: true as const, value: undefined })).then(
            undefined,
            rethrow,
          ),
      };
    },
  };
}

/** Builds the caller-facing response around undici's response data. */
export function createUpstreamResponse(
  data: Dispatcher.ResponseData,
  context: ErrorContext,
): UpstreamResponse {
  const body = data.body;
  const rethrow = (error: unknown): never => {
    throw mapTransportError(error, context.origin, context.timeouts, context.signal);
  };
  const text = (): Promise<string> => body.text().then(undefined, rethrow);
  return {
    status: data.statusCode,
    headers: normalizeHeaders(data.headers),
    body: mappedBody(body, context),
    text,
    json: async () => {
      const raw = await text();
      try {
        return JSON.parse(raw) as unknown;
      } catch (error) {
        throw new GatewayError('upstream_protocol', `upstream ${context.origin} returned invalid JSON`, {
          cause: error,
          upstreamStatus: data.statusCode,
        });
      }
    },
    dump: () =>
      body.dump().then(undefined, () => {
        // The body was already broken or consumed; there is nothing left to free.
        if (!body.destroyed) body.destroy();
      }),
  };
}
