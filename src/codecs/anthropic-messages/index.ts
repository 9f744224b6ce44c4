// The Anthropic Messages codec: POST /v1/messages in and out, in all four directions.
// Pure functions over wire JSON and canonical types; no I/O.
import type { EgressCodec, IngressCodec } from '../codec.js';
import { decodeAnthropicRequest } from './decode-request.js';
import { decodeAnthropicResponse } from './decode-response.js';
import { createAnthropicStreamDecoder } from './decode-stream.js';
import { encodeAnthropicRequest } from './encode-request.js';
import { encodeAnthropicResponse } from './encode-response.js';
import { createAnthropicStreamEncoder } from './encode-stream.js';
import { decodeAnthropicError, decodeAnthropicStreamError, encodeAnthropicError } from './map-error.js';
import { encodeAnthropicStopReason, mapAnthropicFinishReason } from './map-finish-reason.js';
import { encodeAnthropicUsage, mapAnthropicUsage } from './map-usage.js';
import { readAnthropicCredential } from './read-credential.js';
import { sanitizeToolCallId } from './sanitize-tool-call-id.js';

export type { AnthropicEncodeOptions } from './encode-request.js';
export type { AnthropicResponseOptions } from './encode-response.js';
export {
  createAnthropicStreamDecoder,
  createAnthropicStreamEncoder,
  decodeAnthropicError,
  decodeAnthropicRequest,
  decodeAnthropicResponse,
  decodeAnthropicStreamError,
  encodeAnthropicError,
  encodeAnthropicRequest,
  encodeAnthropicResponse,
  encodeAnthropicStopReason,
  encodeAnthropicUsage,
  mapAnthropicFinishReason,
  mapAnthropicUsage,
  readAnthropicCredential,
  sanitizeToolCallId,
};

/** `max_tokens` for an upstream request whose caller gave none (Anthropic requires the field). */
export const defaultAnthropicMaxTokens = 4096;

/** What an Anthropic-SDK caller speaks. */
export const anthropicMessagesIngress: IngressCodec = {
  shape: 'anthropic-messages',
  readCredential: readAnthropicCredential,
  decodeRequest: (body) => decodeAnthropicRequest(body),
  // JSON answers carry the gateway summary in X-Switchyard-* headers, so none is passed here.
  encodeResponse: (response) => encodeAnthropicResponse(response),
  createStreamEncoder: createAnthropicStreamEncoder,
  encodeError: encodeAnthropicError,
};

/**
 * What a native Anthropic upstream speaks. `defaultMaxTokens` gives the `max_tokens` sent for a model when
 * the caller set none (Anthropic requires it): adapters pass the model's catalog maximum output.
 */
export function createAnthropicEgress(
  defaultMaxTokens: (upstreamModel: string) => number = () => defaultAnthropicMaxTokens,
): EgressCodec {
  return {
    shape: 'anthropic-messages',
    encodeRequest: (request, upstreamModel) =>
      encodeAnthropicRequest(request, upstreamModel, { defaultMaxTokens: defaultMaxTokens(upstreamModel) }),
    decodeResponse: decodeAnthropicResponse,
    createStreamDecoder: createAnthropicStreamDecoder,
    decodeError: decodeAnthropicError,
  };
}

/** The Anthropic egress with the fixed default of 4096 output tokens. */
export const anthropicMessagesEgress: EgressCodec = createAnthropicEgress();
