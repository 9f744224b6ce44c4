import type { SimulatedError } from './errors.js';

/** Anthropic's error types by HTTP status (other 4xx are `invalid_request_error`, other 5xx `api_error`). */
const TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};
const KNOWN_TYPES = new Set(Object.values(TYPE_BY_STATUS));

/** The context window `ctx-len` claims, a real Claude one. */
const CONTEXT_WINDOW = 200_000;

function typeFor(status: number): string {
  return TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** An Anthropic error of the type that belongs to `status`. */
export function anthropicError(status: number, message: string, headers?: Record<string, string>) {
  const error: SimulatedError = { status, message, type: typeFor(status), param: null, code: null };
  if (headers !== undefined) error.headers = headers;
  return error;
}

/** A 400 `invalid_request_error`, worded by the caller (`max_tokens: Field required`, ...). */
export function anthropicInvalidRequest(message: string): SimulatedError {
  return anthropicError(400, message);
}

/**
 * `{"type":"error","error":{type,message},"request_id"}`. Errors made by shared code (OpenAI
 * types such as `server_error`) get the Anthropic type of their status instead.
 */
export function anthropicErrorBody(error: SimulatedError, requestId: string): string {
  const type = KNOWN_TYPES.has(error.type) ? error.type : typeFor(error.status);
  return JSON.stringify({ type: 'error', error: { type, message: error.message }, request_id: requestId });
}

/** The 401 for a missing or wrong key when `requireApiKey` is set. */
export function anthropicAuthenticationError(key: string | undefined): SimulatedError {
  return anthropicError(
    401,
    key === undefined || key === '' ? 'x-api-key header is required' : 'invalid x-api-key',
  );
}

/**
 * The error a status directive produces. `503` becomes Anthropic's overload status 529 (the API
 * never answers 503), so gateways see what they would see from Claude.
 */
export function anthropicStatusError(
  status: number,
  model: string,
  retryAfterSeconds?: number,
): SimulatedError {
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
  switch (status) {
    case 401:
      return anthropicError(401, 'invalid x-api-key', headers);
    case 403:
      return anthropicError(
        403,
        'Your API key does not have permission to use the specified resource.',
        headers,
      );
    case 404:
      return anthropicError(404, `model: ${model}`, headers);
    case 429:
      headers['anthropic-ratelimit-requests-remaining'] = '0';
      return anthropicError(
        429,
        `This request would exceed your organization's rate limit of 50 requests per minute (model: ${model}). For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.`,
        headers,
      );
    case 500:
      return anthropicError(500, 'Internal server error', headers);
    case 503:
    case 529:
      return anthropicError(529, 'Overloaded', headers);
    default:
      return anthropicError(
        status,
        status >= 500
          ? `Simulated upstream failure (HTTP ${status}).`
          : `Simulated request failure (HTTP ${status}).`,
        headers,
      );
  }
}

/** The 400 `ctx-len` produces: "prompt is too long: N tokens > M maximum". */
export function anthropicPromptTooLong(promptTokens: number): SimulatedError {
  const tokens = Math.max(promptTokens, CONTEXT_WINDOW + 1 + (promptTokens % 1000));
  return anthropicInvalidRequest(`prompt is too long: ${tokens} tokens > ${CONTEXT_WINDOW} maximum`);
}

/** The 400 `policy` produces. */
export function anthropicPolicyViolation(): SimulatedError {
  return anthropicInvalidRequest('Output blocked by content filtering policy');
}

/** The 400 `no-prefill` produces for a trailing assistant message. */
export function anthropicPrefillNotSupported(): SimulatedError {
  return anthropicInvalidRequest(
    'This model does not support assistant message prefill. The conversation must end with a user message.',
  );
}
