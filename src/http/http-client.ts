import { GatewayError } from '../canon/errors.js';
import { UpstreamPools } from './agents.js';
import type { CancelSignal } from './cancellation.js';
import {
  abortError,
  defaultTransportTimeouts,
  mapTransportError,
  type TransportTimeouts,
} from './transport-errors.js';
import { createUpstreamResponse, type UpstreamResponse } from './upstream-response.js';

/** One request to an upstream API. */
export interface HttpRequestSpec {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  /** Text (JSON) or bytes (multipart uploads). */
  body?: string | Uint8Array;
}

/** Per-request options for `HttpClient.send`. */
export interface SendOptions {
  /** Aborting destroys the upstream socket; see `send` for the error raised. */
  signal?: CancelSignal;
  /** Overrides of the client's timeouts for this request only. */
  timeouts?: Partial<TransportTimeouts>;
}

/** Sends requests to upstream providers over pooled keep-alive connections. */
export interface HttpClient {
  /**
   * Sends `spec` and resolves once response headers arrive, whatever the status (classifying
   * 4xx/5xx is the provider's job). Rejects only with GatewayError: `upstream_timeout`,
   * `upstream_unavailable`, `upstream_protocol`, `client_closed` when `signal` aborts, or the
   * signal's reason itself when that reason is a GatewayError.
   */
  send(spec: HttpRequestSpec, options?: SendOptions): Promise<UpstreamResponse>;
  /** Closes all pooled connections after in-flight requests finish. */
  close(): Promise<void>;
}

/** Options for `createHttpClient`. */
export interface HttpClientOptions {
  /** Defaults: connect 5 000 ms, headers 60 000 ms, body 60 000 ms. */
  timeouts?: Partial<TransportTimeouts>;
  /** Most sockets per upstream origin; default 128. */
  connectionsPerOrigin?: number;
  /** HTTP/1.1 pipelining depth per socket; default 1 (none). */
  pipelining?: number;
}

interface ParsedTarget {
  origin: string;
  path: string;
}

/**
 * Splits a URL into origin (for pool lookup) and path-with-query. Provider adapters call a
 * handful of fixed endpoints, so results are cached to keep URL parsing off the hot path.
 */
function createTargetParser(): (url: string) => ParsedTarget {
  const cache = new Map<string, ParsedTarget>();
  return (url) => {
    const cached = cache.get(url);
    if (cached !== undefined) return cached;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (error) {
      throw new GatewayError('internal', 'upstream URL is not a valid absolute URL', { cause: error });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new GatewayError('internal', `upstream URL scheme ${parsed.protocol} is not supported`);
    }
    const target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    // Bounded so URLs that embed per-request values cannot grow the cache without limit.
    if (cache.size >= 1024) cache.clear();
    cache.set(url, target);
    return target;
  };
}

function resolveTimeouts(
  base: TransportTimeouts,
  override: Partial<TransportTimeouts> | undefined,
): TransportTimeouts {
  if (override === undefined) return base;
  return {
    connectMs: override.connectMs ?? base.connectMs,
    headersMs: override.headersMs ?? base.headersMs,
    bodyMs: override.bodyMs ?? base.bodyMs,
  };
}

/** Creates an HTTP client with one lazily created keep-alive pool per upstream origin. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const defaults = resolveTimeouts(defaultTransportTimeouts, options.timeouts);
  const pools = new UpstreamPools({
    ...(options.connectionsPerOrigin === undefined
      ? {}
      : { connectionsPerOrigin: options.connectionsPerOrigin }),
    ...(options.pipelining === undefined ? {} : { pipelining: options.pipelining }),
  });
  const parseTarget = createTargetParser();

  async function send(spec: HttpRequestSpec, sendOptions: SendOptions = {}): Promise<UpstreamResponse> {
    const { origin, path } = parseTarget(spec.url);
    const signal = sendOptions.signal;
    if (signal?.aborted === true) throw abortError(signal, origin);
    if (pools.closed) throw new GatewayError('internal', 'the upstream HTTP client is closed');
    const timeouts = resolveTimeouts(defaults, sendOptions.timeouts);
    const pool = pools.get(origin, timeouts.connectMs);
    try {
      const data = await pool.request({
        path,
        method: spec.method,
        headers: spec.headers,
        body: spec.body ?? null,
        signal: signal ?? null,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
      });
      return createUpstreamResponse(data, { origin, timeouts, signal });
    } catch (error) {
      throw mapTransportError(error, origin, timeouts, signal);
    }
  }

  return { send, close: () => pools.close() };
}

export type { TransportTimeouts } from './transport-errors.js';
export type { UpstreamResponse } from './upstream-response.js';
