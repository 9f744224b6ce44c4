/**
 * An error answer plus the HTTP status and extra headers to send with it. The fields follow
 * OpenAI's envelope; the other protocols reuse them: `type` is Anthropic's `error.type` or
 * Gemini's `status` (`RESOURCE_EXHAUSTED`, ...), and `details` is Gemini's google.rpc details.
 */
export interface SimulatedError {
  status: number;
  message: string;
  type: string;
  param: string | null;
  code: string | null;
  headers?: Record<string, string>;
  details?: readonly unknown[];
}

/** Serialises the `{"error":{message,type,param,code}}` envelope (all four keys, as the spec requires). */
export function errorBody(error: SimulatedError): string {
  return JSON.stringify({
    error: { message: error.message, type: error.type, param: error.param, code: error.code },
  });
}

/** A 400 `invalid_request_error`. */
export function invalidRequest(
  message: string,
  param: string | null = null,
  code: string | null = null,
): SimulatedError {
  return { status: 400, message, type: 'invalid_request_error', param, code };
}

/** OpenAI's answer to a body that is not JSON. */
export function invalidJson(): SimulatedError {
  return invalidRequest(
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
  );
}

/** A 400 for a required field that is absent. */
export function missingParameter(param: string): SimulatedError {
  return invalidRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
}

/** The 401 for a wrong or absent key; the message quotes only the key's last four characters. */
export function invalidApiKey(key: string | undefined): SimulatedError {
  const message =
    key === undefined || key === ''
      ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
      : `Incorrect API key provided: ${key.length > 8 ? `${key.slice(0, 3)}***${key.slice(-4)}` : '***'}. You can find your API key at https://platform.openai.com/account/api-keys.`;
  return { status: 401, message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' };
}

/** The error a status directive (`429`, `500`, `503-ra1`, ...) produces, worded like OpenAI's. */
export function statusError(status: number, model: string, retryAfterSeconds?: number): SimulatedError {
  const error = statusTemplate(status, model);
  const headers: Record<string, string> = {};
  if (status === 429) {
    headers['x-ratelimit-remaining-requests'] = '0';
    if (retryAfterSeconds !== undefined) {
      error.message = error.message.replace('try again later', `try again in ${retryAfterSeconds}s`);
    }
  }
  if (retryAfterSeconds !== undefined) {
    headers['retry-after'] = String(retryAfterSeconds);
    headers['retry-after-ms'] = String(Math.round(retryAfterSeconds * 1000));
  }
  error.headers = headers;
  return error;
}

function statusTemplate(status: number, model: string): SimulatedError {
  switch (status) {
    case 401:
      return invalidApiKey('sk-simulated-fault-key');
    case 403:
      return {
        status,
        message: 'You are not allowed to access this model.',
        type: 'invalid_request_error',
        param: null,
        code: 'model_not_allowed',
      };
    case 404:
      return modelNotFound(model);
    case 429:
      return {
        status,
        message: `Rate limit reached for ${model} in organization org-simulator on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again later.`,
        // Real 429s carry the limit kind ("requests"/"tokens") as the type; the code is what clients match on.
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      };
    case 500:
      return {
        status,
        message: 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error',
        param: null,
        code: null,
      };
    case 503:
      return {
        status,
        message: 'The server is overloaded or not ready yet.',
        type: 'server_error',
        param: null,
        code: 'overloaded',
      };
    default:
      return status >= 500
        ? {
            status,
            message: `Simulated upstream failure (HTTP ${status}).`,
            type: 'server_error',
            param: null,
            code: null,
          }
        : {
            status,
            message: `Simulated request failure (HTTP ${status}).`,
            type: 'invalid_request_error',
            param: null,
            code: null,
          };
  }
}

/** The 404 for an unknown model id. */
export function modelNotFound(model: string): SimulatedError {
  return {
    status: 404,
    message: `The model '${model}' does not exist or you do not have access to it.`,
    type: 'invalid_request_error',
    param: null,
    code: 'model_not_found',
  };
}

/** The 400 that `ctx-len` produces, in OpenAI's wording. */
export function contextLengthExceeded(promptTokens: number): SimulatedError {
  const limit = 8192;
  const resulted = Math.max(promptTokens, limit + 1 + (promptTokens % 1000));
  return invalidRequest(
    `This model's maximum context length is ${limit} tokens. However, your messages resulted in ${resulted} tokens. Please reduce the length of the messages.`,
    'messages',
    'context_length_exceeded',
  );
}

/** The 400 that `policy` produces. */
export function contentPolicyViolation(): SimulatedError {
  return invalidRequest(
    'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
    null,
    'content_policy_violation',
  );
}

/** The 400 that `no-prefill` produces for a trailing assistant message. */
export function prefillNotSupported(): SimulatedError {
  return invalidRequest(
    'This model does not support assistant message prefill',
    'messages',
    'prefill_not_supported',
  );
}
