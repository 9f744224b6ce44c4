// Legacy OpenAI Completions (`/v1/completions`) as an ingress shape: the prompt is served by a chat
// model (translation through the canonical request) and answered as `text_completion`.
import type { IngressCodec } from '../codec.js';
import { encodeOpenAiError } from '../openai-chat/map-error.js';
import { readOpenAiCredential } from '../openai-chat/read-credential.js';
import { decodeOpenAiCompletionsRequest } from './decode-request.js';
import { encodeOpenAiCompletionsResponse } from './encode-response.js';
import { createOpenAiCompletionsStreamEncoder } from './encode-stream.js';

export {
  createOpenAiCompletionsStreamEncoder,
  decodeOpenAiCompletionsRequest,
  encodeOpenAiCompletionsResponse,
};

export const openAiCompletionsIngress: IngressCodec = {
  shape: 'openai-completions',
  readCredential: readOpenAiCredential,
  decodeRequest: (body) => decodeOpenAiCompletionsRequest(body),
  encodeResponse: (response) => encodeOpenAiCompletionsResponse(response),
  createStreamEncoder: createOpenAiCompletionsStreamEncoder,
  encodeError: encodeOpenAiError,
};
