// The OpenAI Responses codec: /v1/responses in and out, in all four directions, plus the turn history
// that `previous_response_id` needs. Pure functions over wire JSON and canonical types; the only state is
// the history store the server wires in.
import type { EgressCodec, IngressCodec } from '../codec.js';
import { readOpenAiCredential } from '../openai-chat/read-credential.js';
import { decodeOpenAiResponsesRequest } from './decode-request.js';
import { decodeOpenAiResponsesResponse } from './decode-response.js';
import { createOpenAiResponsesStreamDecoder } from './decode-stream.js';
import { encodeOpenAiResponsesRequest } from './encode-request.js';
import { encodeOpenAiResponsesResponse } from './encode-response.js';
import { createOpenAiResponsesStreamEncoder } from './encode-stream.js';
import {
  decodeOpenAiResponsesError,
  decodeResponsesFailure,
  encodeOpenAiResponsesError,
} from './map-error.js';

export type { ResponsesEncodeOptions } from './encode-response.js';
export {
  buildStoredResponse,
  expandWithHistory,
  readPreviousResponseId,
  rememberResponse,
  resolvePreviousResponse,
} from './expand-history.js';
export { assignResponseId, createResponseId, responseIdOf } from './ids.js';
export {
  InMemoryResponseHistory,
  type InMemoryResponseHistoryOptions,
  type ResponseHistory,
  type StoredResponse,
} from './response-history.js';
export { wantsStore } from './response-object.js';
/** Request vendor keys that are gateway state, not caller fields: other egress codecs must not report them. */
export { interpretedRequestKeys } from './vendor.js';
export {
  createOpenAiResponsesStreamDecoder,
  createOpenAiResponsesStreamEncoder,
  decodeOpenAiResponsesError,
  decodeOpenAiResponsesRequest,
  decodeOpenAiResponsesResponse,
  decodeResponsesFailure,
  encodeOpenAiResponsesError,
  encodeOpenAiResponsesRequest,
  encodeOpenAiResponsesResponse,
};

/**
 * What a Responses-API caller speaks (`POST /v1/responses`). `encodeResponse` takes an optional third
 * argument `{ summary }` for the `switchyard` object; streams get the summary as a canonical event.
 */
export const openAiResponsesIngress: IngressCodec & {
  encodeResponse: typeof encodeOpenAiResponsesResponse;
} = {
  shape: 'openai-responses',
  readCredential: readOpenAiCredential,
  decodeRequest: (body) => decodeOpenAiResponsesRequest(body),
  encodeResponse: encodeOpenAiResponsesResponse,
  createStreamEncoder: createOpenAiResponsesStreamEncoder,
  encodeError: encodeOpenAiResponsesError,
};

/** What a Responses-speaking upstream (OpenAI's own `/v1/responses`, vLLM, ...) speaks. */
export const openAiResponsesEgress: EgressCodec = {
  shape: 'openai-responses',
  encodeRequest: encodeOpenAiResponsesRequest,
  decodeResponse: decodeOpenAiResponsesResponse,
  createStreamDecoder: createOpenAiResponsesStreamDecoder,
  decodeError: decodeOpenAiResponsesError,
};
