// The OpenAI Chat Completions codec: /v1/chat/completions in and out, in all four directions.
// Pure functions over wire JSON and canonical types; no I/O.
import type { EgressCodec, IngressCodec } from '../codec.js';
import { decodeOpenAiChatRequest } from './decode-request.js';
import { decodeOpenAiChatResponse } from './decode-response.js';
import { createOpenAiChatStreamDecoder } from './decode-stream.js';
import { encodeOpenAiChatRequest } from './encode-request.js';
import { encodeOpenAiChatResponse } from './encode-response.js';
import { createOpenAiChatStreamEncoder } from './encode-stream.js';
import { decodeOpenAiError, encodeOpenAiError } from './map-error.js';
import { readOpenAiCredential } from './read-credential.js';

export type { OpenAiChatEncodeOptions } from './encode-request.js';
export {
  createOpenAiChatStreamDecoder,
  createOpenAiChatStreamEncoder,
  decodeOpenAiChatRequest,
  decodeOpenAiChatResponse,
  decodeOpenAiError,
  encodeOpenAiChatRequest,
  encodeOpenAiChatResponse,
  encodeOpenAiError,
};

/** What an OpenAI-SDK caller speaks. */
export const openAiChatIngress: IngressCodec = {
  shape: 'openai-chat',
  readCredential: readOpenAiCredential,
  decodeRequest: (body) => decodeOpenAiChatRequest(body),
  encodeResponse: (response) => encodeOpenAiChatResponse(response),
  createStreamEncoder: createOpenAiChatStreamEncoder,
  encodeError: encodeOpenAiError,
};

/** What an OpenAI-compatible upstream speaks. */
export const openAiChatEgress: EgressCodec = {
  shape: 'openai-chat',
  encodeRequest: (request, upstreamModel) => encodeOpenAiChatRequest(request, upstreamModel),
  decodeResponse: decodeOpenAiChatResponse,
  createStreamDecoder: createOpenAiChatStreamDecoder,
  decodeError: decodeOpenAiError,
};
