import type { GatewayError, ProviderIdentity } from '../../canon/index.js';
import { decodeOpenAiError, encodeOpenAiError } from '../openai-chat/map-error.js';
import { isWireObject } from '../shared/read-fields.js';
import { buildUpstreamError } from '../shared/upstream-error.js';

/**
 * GatewayError → OpenAI's `{"error": {message, type, param, code}}` envelope with the catalog status.
 * The Responses API shares Chat Completions' envelope, so this is the chat codec's encoder.
 */
export function encodeOpenAiResponsesError(error: GatewayError): { status: number; body: unknown } {
  return encodeOpenAiError(error);
}

/** An upstream HTTP error from `/v1/responses` (same envelope as Chat Completions). */
export function decodeOpenAiResponsesError(
  status: number,
  body: string,
  headers: Record<string, string>,
  provider: ProviderIdentity,
): GatewayError {
  return decodeOpenAiError(status, body, headers, provider);
}

/** Response `error.code` values → the HTTP status they would have had, for classification. */
function statusOfCode(code: string | undefined): number {
  if (code === undefined) return 500;
  if (code.includes('rate_limit')) return 429;
  if (code === 'context_length_exceeded' || code.startsWith('invalid_') || code.includes('too_large'))
    return 400;
  if (code.includes('content') || code.includes('policy')) return 400;
  if (code.includes('overloaded') || code.includes('unavailable')) return 503;
  return 500;
}

/**
 * An error reported after a 200: a `response.failed` Response's `error`, or an `error` stream event
 * (`{type:"error", code, message}`). Classified like an HTTP error with the status its code implies.
 */
export function decodeResponsesFailure(value: unknown, provider: ProviderIdentity): GatewayError {
  const container = isWireObject(value) ? value : {};
  const code = typeof container.code === 'string' ? container.code : undefined;
  const message =
    typeof container.message === 'string' ? container.message : 'upstream reported a failed response';
  return buildUpstreamError({ provider, status: statusOfCode(code), code, message });
}
