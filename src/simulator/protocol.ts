import type { IncomingHttpHeaders } from 'node:http';
import { anthropicErrorBody, anthropicStatusError } from './anthropic-errors.js';
import { errorBody, type SimulatedError, statusError } from './errors.js';
import { geminiErrorBody, geminiStatusError } from './gemini-errors.js';
import type { SimulatorProtocol } from './types.js';

/** Gemini's `models/{model}:{method}` paths (under `/v1beta` or `/v1`, the 3.x SDK's default). */
export const GEMINI_METHOD_PATH =
  /^\/models\/([^/]+):(generateContent|streamGenerateContent|countTokens|embedContent|batchEmbedContents)$/;

/** Headers OpenAI sends on every answer; gateways may read the rate-limit ones. */
const OPENAI_HEADERS: Readonly<Record<string, string>> = {
  'openai-version': '2020-10-01',
  'openai-organization': 'org-simulator',
  'openai-processing-ms': '1',
  'x-ratelimit-limit-requests': '10000',
  'x-ratelimit-remaining-requests': '9999',
  'x-ratelimit-reset-requests': '6ms',
  'x-ratelimit-limit-tokens': '10000000',
  'x-ratelimit-remaining-tokens': '9999000',
  'x-ratelimit-reset-tokens': '6ms',
};

const ANTHROPIC_HEADERS: Readonly<Record<string, string>> = {
  'anthropic-organization-id': '00000000-0000-4000-8000-000000000000',
  'anthropic-ratelimit-requests-limit': '4000',
  'anthropic-ratelimit-requests-remaining': '3999',
  'anthropic-ratelimit-tokens-limit': '2000000',
  'anthropic-ratelimit-tokens-remaining': '1999000',
};

const GEMINI_HEADERS: Readonly<Record<string, string>> = {
  vary: 'Origin, X-Origin, Referer',
  'server-timing': 'gfet4t7; dur=1',
};

/**
 * Which protocol a request speaks: Anthropic for `/v1/messages*` and for `/v1/models*` carrying
 * `anthropic-version` (the one path both share), Gemini for `/v1beta/*` and the `models/x:method`
 * paths, OpenAI for everything else.
 */
export function protocolOf(method: string, path: string, headers: IncomingHttpHeaders): SimulatorProtocol {
  if (path === '/v1beta' || path.startsWith('/v1beta/')) return 'gemini';
  const local = path.startsWith('/v1/') ? path.slice(3) : path;
  if (method === 'POST' && GEMINI_METHOD_PATH.test(local)) return 'gemini';
  if (local === '/messages' || local.startsWith('/messages/')) return 'anthropic';
  const isModels = local === '/models' || local.startsWith('/models/');
  if (isModels && headers['anthropic-version'] !== undefined) return 'anthropic';
  return 'openai';
}

/** The headers every answer of the protocol carries, the request id among them. */
export function protocolHeaders(protocol: SimulatorProtocol, requestId: string): Record<string, string> {
  switch (protocol) {
    case 'anthropic': {
      const reset = new Date(Date.now() + 1000).toISOString();
      return {
        ...ANTHROPIC_HEADERS,
        'anthropic-ratelimit-requests-reset': reset,
        'anthropic-ratelimit-tokens-reset': reset,
        'request-id': requestId,
      };
    }
    case 'gemini':
      return { ...GEMINI_HEADERS };
    default:
      return { ...OPENAI_HEADERS, 'x-request-id': requestId };
  }
}

/** The error envelope of the protocol. */
export function protocolErrorBody(
  protocol: SimulatorProtocol,
  error: SimulatedError,
  requestId: string,
): string {
  switch (protocol) {
    case 'anthropic':
      return anthropicErrorBody(error, requestId);
    case 'gemini':
      return geminiErrorBody(error);
    default:
      return errorBody(error);
  }
}

/** The error a status directive (`429-ra2`, `500`, `503`, ...) produces in the protocol's words. */
export function protocolStatusError(
  protocol: SimulatorProtocol,
  status: number,
  model: string,
  retryAfterSeconds?: number,
): SimulatedError {
  switch (protocol) {
    case 'anthropic':
      return anthropicStatusError(status, model, retryAfterSeconds);
    case 'gemini':
      return geminiStatusError(status, model, retryAfterSeconds);
    default:
      return statusError(status, model, retryAfterSeconds);
  }
}
