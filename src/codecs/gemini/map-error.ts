import { errorCatalog, GatewayError, type ProviderIdentity } from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { buildUpstreamError } from '../shared/upstream-error.js';

const typePrefix = 'type.googleapis.com/google.rpc.';
/** Gemini words for an over-long prompt ("The input token count (…) exceeds the maximum number of tokens allowed"). */
const contextPattern = /token count|exceeds the maximum|too many tokens|context (length|window)/i;

interface GoogleRpcError {
  code?: number;
  message: string;
  status?: string;
  details: WireObject[];
}

/** Finds the google.rpc error in a body (`{"error":{…}}`, or wrapped in an array by the JSON stream). */
function readRpcError(parsed: unknown): GoogleRpcError | undefined {
  const container = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!isWireObject(container) || !isWireObject(container.error)) return undefined;
  const error = container.error;
  return {
    ...(typeof error.code === 'number' ? { code: error.code } : {}),
    message: typeof error.message === 'string' ? error.message : '',
    ...(typeof error.status === 'string' ? { status: error.status } : {}),
    details: Array.isArray(error.details) ? error.details.filter(isWireObject) : [],
  };
}

function findDetail(error: GoogleRpcError, type: string): WireObject | undefined {
  return error.details.find((detail) => detail['@type'] === `${typePrefix}${type}`);
}

/** `RetryInfo.retryDelay` ("30s", "1.5s") in milliseconds. */
function readRetryDelayMs(error: GoogleRpcError): number | undefined {
  const delay = findDetail(error, 'RetryInfo')?.retryDelay;
  const match = typeof delay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(delay) : null;
  return match ? Math.ceil(Number(match[1]) * 1000) : undefined;
}

/**
 * A google.rpc error → GatewayError. Besides the status-based classification: an invalid API key
 * (400 API_KEY_INVALID) and FAILED_PRECONDITION (billing or region: this deployment cannot serve, another
 * may) are `upstream_auth`; an INVALID_ARGUMENT about the token count is `context_length_exceeded`;
 * `RetryInfo.retryDelay` becomes `retryAfterMs` when no Retry-After header says otherwise.
 */
function buildRpcError(
  status: number,
  rpc: GoogleRpcError | undefined,
  fallbackMessage: string,
  provider: ProviderIdentity,
  headers: Record<string, string>,
  body: string | undefined,
): GatewayError {
  const message = rpc?.message || fallbackMessage;
  const isContext = status === 400 && contextPattern.test(message);
  const retryDelayMs = rpc ? readRetryDelayMs(rpc) : undefined;
  const withDelay =
    retryDelayMs !== undefined &&
    headers['retry-after'] === undefined &&
    headers['retry-after-ms'] === undefined
      ? { ...headers, 'retry-after-ms': String(retryDelayMs) }
      : headers;
  const error = buildUpstreamError({
    provider,
    status,
    code: isContext ? 'context_length_exceeded' : undefined,
    message,
    headers: withDelay,
    ...(body === undefined ? {} : { body }),
  });
  const reason = rpc ? findDetail(rpc, 'ErrorInfo')?.reason : undefined;
  if (reason === 'API_KEY_INVALID' || rpc?.status === 'FAILED_PRECONDITION') {
    return new GatewayError('upstream_auth', error.message, error.details);
  }
  return error;
}

/** An upstream Gemini error response → GatewayError. */
export function decodeGeminiError(
  status: number,
  body: string,
  headers: Record<string, string>,
  provider: ProviderIdentity,
): GatewayError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  return buildRpcError(
    status,
    readRpcError(parsed),
    body.slice(0, 300) || 'no error body',
    provider,
    headers,
    body,
  );
}

/**
 * An `{"error": {…}}` object met inside a 200 stream (or body). It has no HTTP status of its own; its
 * `code` is the status the upstream would have answered with.
 */
export function decodeGeminiErrorObject(chunk: unknown, provider: ProviderIdentity): GatewayError {
  const rpc = readRpcError(chunk);
  const status = rpc?.code !== undefined && rpc.code >= 400 && rpc.code < 600 ? rpc.code : 500;
  return buildRpcError(status, rpc, 'upstream reported an error mid-stream', provider, {}, undefined);
}

/**
 * GatewayError → google.rpc envelope `{"error": {code, message, status, details}}` with the catalog's
 * status word. Details follow Google's conventions: `ErrorInfo` (reason = the gateway's error kind,
 * domain 'switchyard'), `BadRequest.fieldViolations` naming the field at fault, `RetryInfo` when known.
 */
export function encodeGeminiError(error: GatewayError): { status: number; body: unknown } {
  const details: WireObject[] = [
    { '@type': `${typePrefix}ErrorInfo`, reason: error.kind.toUpperCase(), domain: 'switchyard' },
  ];
  if (error.details.param !== undefined) {
    details.push({
      '@type': `${typePrefix}BadRequest`,
      fieldViolations: [{ field: error.details.param, description: error.message }],
    });
  }
  if (error.details.retryAfterMs !== undefined) {
    details.push({
      '@type': `${typePrefix}RetryInfo`,
      retryDelay: `${Math.max(1, Math.ceil(error.details.retryAfterMs / 1000))}s`,
    });
  }
  return {
    status: error.status,
    body: {
      error: { code: error.status, message: error.message, status: errorCatalog[error.kind].gemini, details },
    },
  };
}
