// The Gemini generateContent codec: models/{model}:generateContent and :streamGenerateContent?alt=sse, in
// all four directions, plus countTokens helpers. Pure functions over wire JSON and canonical types; no I/O.
import type { EgressCodec, IngressCodec } from '../codec.js';
import { decodeGeminiCountTokensRequest, encodeGeminiCountTokensResponse } from './count-tokens.js';
import { decodeGeminiRequest } from './decode-request.js';
import { decodeGeminiResponse } from './decode-response.js';
import { createGeminiStreamDecoder } from './decode-stream.js';
import { encodeGeminiRequest } from './encode-request.js';
import { encodeGeminiResponse } from './encode-response.js';
import { createGeminiStreamEncoder } from './encode-stream.js';
import { decodeGeminiError, decodeGeminiErrorObject, encodeGeminiError } from './map-error.js';
import { readGeminiCredential } from './read-credential.js';

export { isSynthesizedCallId } from './call-ids.js';
export type { EncodedGeminiRequest, GeminiEncodeOptions } from './encode-request.js';
export {
  createGeminiStreamDecoder,
  createGeminiStreamEncoder,
  decodeGeminiCountTokensRequest,
  decodeGeminiError,
  decodeGeminiErrorObject,
  decodeGeminiRequest,
  decodeGeminiResponse,
  encodeGeminiCountTokensResponse,
  encodeGeminiError,
  encodeGeminiRequest,
  encodeGeminiResponse,
  readGeminiCredential,
};

/**
 * What a `@google/genai` (or REST) caller speaks. `decodeRequest` needs `route.model` and `route.stream`
 * from the URL. For a `switchyard` summary in a JSON answer call `encodeGeminiResponse(response, request,
 * summary)` directly; streams get it from the `gateway-summary` event.
 */
export const geminiIngress: IngressCodec = {
  shape: 'gemini',
  readCredential: readGeminiCredential,
  decodeRequest: (body, route) => decodeGeminiRequest(body, route),
  encodeResponse: (response, request) => encodeGeminiResponse(response, request),
  createStreamEncoder: createGeminiStreamEncoder,
  encodeError: encodeGeminiError,
};

/**
 * What a native Gemini (AI Studio) upstream speaks. `encodeRequest` also returns `path`
 * ('generateContent' | 'streamGenerateContent') and `urlPath` (`models/{model}:{method}[?alt=sse]`) for
 * the adapter's URL; the body has no model.
 */
export const geminiEgress: EgressCodec = {
  shape: 'gemini',
  encodeRequest: (request, upstreamModel) => encodeGeminiRequest(request, upstreamModel),
  decodeResponse: decodeGeminiResponse,
  createStreamDecoder: createGeminiStreamDecoder,
  decodeError: decodeGeminiError,
};
