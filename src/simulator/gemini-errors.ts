import type { SimulatedError } from './errors.js';

/** google.rpc status names by HTTP status. */
const STATUS_BY_CODE: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};
const KNOWN_STATUSES = new Set([...Object.values(STATUS_BY_CODE), 'FAILED_PRECONDITION']);

/** The context window `ctx-len` claims, a real Gemini one. */
const CONTEXT_WINDOW = 1_048_576;

function statusFor(code: number): string {
  return STATUS_BY_CODE[code] ?? (code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
}

/** A google.rpc error with the status name that belongs to the HTTP code. */
export function geminiError(code: number, message: string, details?: readonly unknown[]): SimulatedError {
  const error: SimulatedError = { status: code, message, type: statusFor(code), param: null, code: null };
  if (details !== undefined) error.details = details;
  return error;
}

/** A 400 `INVALID_ARGUMENT`. */
export function geminiInvalidArgument(message: string): SimulatedError {
  return geminiError(400, message);
}

/**
 * `{"error":{code,message,status,details?}}`. Errors made by shared code get the status name of
 * their HTTP code.
 */
export function geminiErrorBody(error: SimulatedError): string {
  const status = KNOWN_STATUSES.has(error.type) ? error.type : statusFor(error.status);
  const body: Record<string, unknown> = { code: error.status, message: error.message, status };
  if (error.details !== undefined) body.details = error.details;
  return JSON.stringify({ error: body });
}

/** Gemini's answers to a missing key (403) and a wrong one (400 `API_KEY_INVALID`, not 401). */
export function geminiKeyError(key: string | undefined): SimulatedError {
  if (key === undefined || key === '') {
    return geminiError(
      403,
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    );
  }
  return geminiError(400, 'API key not valid. Please pass a valid API key.', [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    },
  ]);
}

/**
 * The error a status directive produces. A retry delay travels the way Google sends it, as a
 * `google.rpc.RetryInfo` detail in the body, not as a `Retry-After` header.
 */
export function geminiStatusError(code: number, model: string, retryAfterSeconds?: number): SimulatedError {
  switch (code) {
    case 401:
      return geminiError(
        401,
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      );
    case 403:
      return geminiError(403, 'The caller does not have permission');
    case 404:
      return geminiNotFound(model);
    case 429:
      return rateLimited(retryAfterSeconds);
    case 500:
      return geminiError(
        500,
        'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      );
    case 503:
      return geminiError(503, 'The model is overloaded. Please try again later.');
    case 504:
      return geminiError(504, 'Deadline expired before operation could complete.');
    default:
      return geminiError(
        code,
        code >= 500
          ? `Simulated upstream failure (HTTP ${code}).`
          : `Simulated request failure (HTTP ${code}).`,
      );
  }
}

function rateLimited(retryAfterSeconds: number | undefined): SimulatedError {
  const details: unknown[] = [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          quotaMetric: 'generativelanguage.googleapis.com/generate_content_requests',
          quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
        },
      ],
    },
  ];
  let message =
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.';
  if (retryAfterSeconds !== undefined) {
    message += ` Please retry in ${retryAfterSeconds}s.`;
    details.push({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: `${retryAfterSeconds}s`,
    });
  }
  return geminiError(429, message, details);
}

/** The 404 for an unknown model. */
export function geminiNotFound(model: string): SimulatedError {
  return geminiError(
    404,
    `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
  );
}

/** The 400 `ctx-len` produces. */
export function geminiContextTooLong(promptTokens: number): SimulatedError {
  const tokens = Math.max(promptTokens, CONTEXT_WINDOW + 1 + (promptTokens % 1000));
  return geminiInvalidArgument(
    `The input token count (${tokens}) exceeds the maximum number of tokens allowed (${CONTEXT_WINDOW}).`,
  );
}

/** The 400 `no-prefill` produces for a trailing `model` turn. */
export function geminiPrefillNotSupported(): SimulatedError {
  return geminiInvalidArgument(
    'Please ensure that multiturn requests alternate between user and model, and end with a user turn.',
  );
}
