import { errorCatalog, GatewayError, type ProviderIdentity } from '../../canon/index.js';
import { isWireObject } from '../shared/read-fields.js';
import { buildUpstreamError } from '../shared/upstream-error.js';

/**
 * The HTTP status each Anthropic error type is sent with; used for errors that arrive inside a stream
 * (after a 200), which carry a type but no status of their own.
 * @see https://docs.anthropic.com/en/api/errors
 */
const statusOfErrorType: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/** Upstream Anthropic error response (also Vertex's Google-wrapped form) → GatewayError. */
export function decodeAnthropicError(
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
  const { type, message } = readErrorFields(parsed, body);
  return classify(buildUpstreamError({ provider, status, code: type, message, headers, body }), type);
}

/** An `event: error` received after the stream started. */
export function decodeAnthropicStreamError(payload: unknown, provider: ProviderIdentity): GatewayError {
  const { type, message } = readErrorFields(payload, 'upstream reported an error mid-stream');
  const status = (type === undefined ? undefined : statusOfErrorType[type]) ?? 500;
  return classify(buildUpstreamError({ provider, status, code: type, message }), type);
}

/** A billing error means the gateway's own upstream account is unusable: treat it like bad credentials. */
function classify(error: GatewayError, type: string | undefined): GatewayError {
  if (type !== 'billing_error' || error.kind === 'upstream_auth') return error;
  return new GatewayError('upstream_auth', error.message, error.details);
}

function readErrorFields(parsed: unknown, fallback: string): { type: string | undefined; message: string } {
  const container = isWireObject(parsed) && isWireObject(parsed.error) ? parsed.error : undefined;
  if (!container) return { type: undefined, message: fallback.slice(0, 300) || 'no error body' };
  // Anthropic: error.type; Vertex wraps in Google's {error: {code, message, status}}.
  const type =
    typeof container.type === 'string'
      ? container.type
      : typeof container.status === 'string'
        ? container.status
        : undefined;
  const message = typeof container.message === 'string' ? container.message : fallback.slice(0, 300);
  return { type, message };
}

/** GatewayError → Anthropic's error envelope and the catalog status. */
export function encodeAnthropicError(error: GatewayError): { status: number; body: unknown } {
  return {
    status: error.status,
    body: encodeAnthropicErrorBody(error),
  };
}

/** The `{"type":"error","error":{type,message}}` body, shared by JSON answers and `event: error`. */
export function encodeAnthropicErrorBody(error: GatewayError): Record<string, unknown> {
  return { type: 'error', error: { type: errorCatalog[error.kind].anthropic, message: error.message } };
}
