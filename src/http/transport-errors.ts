import { type ErrorKind, GatewayError } from '../canon/errors.js';
import type { CancelSignal } from './cancellation.js';

/** How long each phase of an upstream exchange may take, in milliseconds. */
export interface TransportTimeouts {
  /** TCP connect plus TLS handshake. */
  connectMs: number;
  /** From sending the request until the response headers are complete. */
  headersMs: number;
  /** Longest silence between two body chunks. */
  bodyMs: number;
}

export const defaultTransportTimeouts: TransportTimeouts = {
  connectMs: 5_000,
  headersMs: 60_000,
  bodyMs: 60_000,
};

const timeoutPhases: Record<string, { phase: string; timeout: keyof TransportTimeouts }> = {
  UND_ERR_CONNECT_TIMEOUT: { phase: 'connecting', timeout: 'connectMs' },
  UND_ERR_HEADERS_TIMEOUT: { phase: 'waiting for response headers', timeout: 'headersMs' },
  UND_ERR_BODY_TIMEOUT: { phase: 'reading the response body', timeout: 'bodyMs' },
};

/** Network and socket failures: the upstream could not be reached or dropped the connection. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

/** The upstream answered with bytes that are not valid HTTP/1.1. */
const protocolCodes = new Set([
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
  'UND_ERR_INFO',
]);

interface Classification {
  kind: ErrorKind;
  code: string;
  timeout?: keyof TransportTimeouts;
  phase?: string;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function classifyOne(error: unknown): Classification | undefined {
  const code = errorCode(error);
  if (code !== undefined) {
    const timeout = timeoutPhases[code];
    if (timeout !== undefined) return { kind: 'upstream_timeout', code, ...timeout };
    if (code === 'ETIMEDOUT') return { kind: 'upstream_timeout', code, phase: 'connecting' };
    if (unavailableCodes.has(code)) return { kind: 'upstream_unavailable', code };
    if (protocolCodes.has(code) || code.startsWith('HPE_')) return { kind: 'upstream_protocol', code };
    // TLS failures (bad certificate, handshake errors) mean this upstream cannot be used right now.
    if (/^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/.test(code)) {
      return { kind: 'upstream_unavailable', code };
    }
  }
  if (error instanceof Error && error.message.includes('other side closed')) {
    return { kind: 'upstream_unavailable', code: code ?? 'UND_ERR_SOCKET' };
  }
  return undefined;
}

/** Looks through AggregateError members (happy-eyeballs connects) and one level of `cause`. */
function classify(error: unknown): Classification {
  const direct = classifyOne(error);
  if (direct !== undefined) return direct;
  if (error instanceof AggregateError) {
    for (const member of error.errors) {
      const found = classifyOne(member);
      if (found !== undefined) return found;
    }
  }
  if (error instanceof Error && error.cause !== undefined) {
    const found = classifyOne(error.cause);
    if (found !== undefined) return found;
  }
  const code = errorCode(error);
  // Any other operating-system errno is a network failure; anything else is our own bug.
  if (code !== undefined && /^E[A-Z]+$/.test(code)) return { kind: 'upstream_unavailable', code };
  return { kind: 'internal', code: code ?? (error instanceof Error ? error.name : 'unknown') };
}

/**
 * The error a caller sees when `signal` aborted the exchange: the signal's own reason when it is
 * a GatewayError (so callers can abort with their own deadline error), otherwise client_closed.
 */
export function abortError(signal: CancelSignal, origin: string): GatewayError {
  const reason: unknown = signal.reason;
  if (reason instanceof GatewayError) return reason;
  return new GatewayError('client_closed', `request to upstream ${origin} was cancelled by the caller`, {
    cause: reason,
  });
}

/**
 * Translates anything undici or the socket layer throws into a GatewayError. Messages name only
 * the upstream origin (never the path, which may carry a key, nor headers, which carry credentials).
 */
export function mapTransportError(
  error: unknown,
  origin: string,
  timeouts: TransportTimeouts,
  signal?: CancelSignal,
): GatewayError {
  if (signal?.aborted === true) return abortError(signal, origin);
  if (error instanceof GatewayError) return error;
  const { kind, code, timeout, phase } = classify(error);
  let message: string;
  if (kind === 'upstream_timeout') {
    const limit = timeout === undefined ? '' : ` after ${timeouts[timeout]} ms`;
    message = `upstream ${origin} timed out ${phase ?? 'connecting'}${limit} (${code})`;
  } else if (kind === 'upstream_unavailable') {
    message = `upstream ${origin} is unavailable (${code})`;
  } else if (kind === 'upstream_protocol') {
    message = `upstream ${origin} sent an invalid HTTP response (${code})`;
  } else {
    message = `transport error talking to upstream ${origin} (${code})`;
  }
  return new GatewayError(kind, message, { cause: error });
}
