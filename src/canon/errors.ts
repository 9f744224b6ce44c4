import type { AttemptRecord } from './attempt.js';

/** Every way a request can fail, as one closed list; decisions are made on `kind`, never on strings. */
export type ErrorKind =
  | 'invalid_request'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'model_not_found'
  | 'model_not_allowed'
  | 'rate_limited'
  | 'budget_exceeded'
  | 'guardrail_blocked'
  | 'context_length_exceeded'
  | 'content_filtered'
  | 'upstream_rate_limited'
  | 'upstream_overloaded'
  | 'upstream_timeout'
  | 'upstream_unavailable'
  | 'upstream_auth'
  | 'upstream_bad_request'
  | 'upstream_protocol'
  | 'all_targets_failed'
  | 'client_closed'
  | 'internal';

/** How each kind appears on the wire: HTTP status and the error type word of each API shape. */
export interface ErrorCatalogEntry {
  status: number;
  openai: string;
  openaiCode: string | null;
  anthropic: string;
  gemini: string;
  /** Worth another attempt on another (or the same) upstream. */
  retryable: boolean;
}

export const errorCatalog: Record<ErrorKind, ErrorCatalogEntry> = {
  invalid_request: entry(400, 'invalid_request_error', null, 'invalid_request_error', 'INVALID_ARGUMENT'),
  payload_too_large: entry(
    413,
    'invalid_request_error',
    'request_too_large',
    'request_too_large',
    'INVALID_ARGUMENT',
  ),
  unsupported_media_type: entry(
    415,
    'invalid_request_error',
    'unsupported_media_type',
    'invalid_request_error',
    'INVALID_ARGUMENT',
  ),
  unauthenticated: entry(
    401,
    'invalid_request_error',
    'invalid_api_key',
    'authentication_error',
    'UNAUTHENTICATED',
  ),
  forbidden: entry(403, 'permission_error', 'forbidden', 'permission_error', 'PERMISSION_DENIED'),
  not_found: entry(404, 'invalid_request_error', 'not_found', 'not_found_error', 'NOT_FOUND'),
  model_not_found: entry(404, 'invalid_request_error', 'model_not_found', 'not_found_error', 'NOT_FOUND'),
  model_not_allowed: entry(
    403,
    'permission_error',
    'model_not_allowed',
    'permission_error',
    'PERMISSION_DENIED',
  ),
  rate_limited: entry(
    429,
    'rate_limit_error',
    'rate_limit_exceeded',
    'rate_limit_error',
    'RESOURCE_EXHAUSTED',
  ),
  budget_exceeded: entry(402, 'insufficient_quota', 'budget_exceeded', 'billing_error', 'RESOURCE_EXHAUSTED'),
  guardrail_blocked: entry(
    400,
    'invalid_request_error',
    'guardrail_blocked',
    'invalid_request_error',
    'INVALID_ARGUMENT',
  ),
  context_length_exceeded: entry(
    400,
    'invalid_request_error',
    'context_length_exceeded',
    'invalid_request_error',
    'INVALID_ARGUMENT',
  ),
  content_filtered: entry(
    400,
    'invalid_request_error',
    'content_policy_violation',
    'invalid_request_error',
    'INVALID_ARGUMENT',
  ),
  upstream_rate_limited: entry(
    429,
    'rate_limit_error',
    'upstream_rate_limited',
    'rate_limit_error',
    'RESOURCE_EXHAUSTED',
    true,
  ),
  upstream_overloaded: entry(
    503,
    'server_error',
    'upstream_overloaded',
    'overloaded_error',
    'UNAVAILABLE',
    true,
  ),
  upstream_timeout: entry(
    504,
    'server_error',
    'upstream_timeout',
    'timeout_error',
    'DEADLINE_EXCEEDED',
    true,
  ),
  upstream_unavailable: entry(502, 'server_error', 'upstream_unavailable', 'api_error', 'UNAVAILABLE', true),
  upstream_auth: entry(502, 'server_error', 'upstream_auth_failed', 'api_error', 'INTERNAL', true),
  upstream_bad_request: entry(
    400,
    'invalid_request_error',
    null,
    'invalid_request_error',
    'INVALID_ARGUMENT',
  ),
  upstream_protocol: entry(502, 'server_error', 'upstream_protocol_error', 'api_error', 'INTERNAL', true),
  all_targets_failed: entry(502, 'server_error', 'all_targets_failed', 'api_error', 'UNAVAILABLE'),
  client_closed: entry(
    499,
    'invalid_request_error',
    'client_closed_request',
    'invalid_request_error',
    'CANCELLED',
  ),
  internal: entry(500, 'server_error', 'internal_error', 'api_error', 'INTERNAL'),
};

function entry(
  status: number,
  openai: string,
  openaiCode: string | null,
  anthropic: string,
  gemini: string,
  retryable = false,
): ErrorCatalogEntry {
  return { status, openai, openaiCode, anthropic, gemini, retryable };
}

/** Extra facts about an error; upstream bodies are for logs only and never reach the caller. */
export interface GatewayErrorDetails {
  /** Overrides the catalog status. */
  status?: number;
  /** Overrides the catalog's OpenAI `code`. */
  code?: string;
  /** The request field at fault (OpenAI `param`). */
  param?: string;
  retryAfterMs?: number;
  provider?: string;
  upstreamModel?: string;
  upstreamStatus?: number;
  /** Truncated upstream body, for logs only. */
  upstreamBody?: string;
  attempts?: AttemptRecord[];
  cause?: unknown;
}

/** The only error type that crosses module boundaries. */
export class GatewayError extends Error {
  readonly kind: ErrorKind;
  readonly details: GatewayErrorDetails;

  constructor(kind: ErrorKind, message: string, details: GatewayErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'GatewayError';
    this.kind = kind;
    this.details = details;
  }

  /** The HTTP status this error answers with. */
  get status(): number {
    return this.details.status ?? errorCatalog[this.kind].status;
  }
}

/** Wraps anything thrown into a GatewayError without losing the cause. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new GatewayError('internal', `internal error: ${message}`, { cause: error });
}
