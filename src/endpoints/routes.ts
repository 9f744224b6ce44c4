import { anthropicMessagesIngress } from '../codecs/anthropic-messages/index.js';
import type { RouteParams } from '../codecs/codec.js';
import {
  decodeGeminiCountTokensRequest,
  encodeGeminiCountTokensResponse,
} from '../codecs/gemini/count-tokens.js';
import { geminiIngress } from '../codecs/gemini/index.js';
import { openAiChatIngress } from '../codecs/openai-chat/index.js';
import type { RouteHandler } from '../server/create-server.js';
import { readJsonBody } from '../server/read-body.js';
import { decodeSpeechRequest, encodeSpeechResponse, speechDefinition } from './audio/speech.js';
import {
  decodeTranscriptionRequest,
  encodeTranscriptionResponse,
  transcriptionsDefinition,
} from './audio/transcriptions.js';
import { createCountTokensHandler, withPlaceholderMaxTokens } from './count-tokens.js';
import { embeddingsDefinition } from './embeddings/definition.js';
import { decodeGeminiEmbedRequest, encodeGeminiEmbedResponse } from './embeddings/gemini-ingress.js';
import {
  decodeOpenAiEmbeddingsRequest,
  encodeOpenAiEmbeddingsResponse,
} from './embeddings/openai-ingress.js';
import { createEndpointHandler, type EndpointServices } from './handler.js';
import { decodeImageRequest, encodeImageResponse, imagesDefinition } from './images/images.js';
import {
  decodeModerationRequest,
  encodeModerationResponse,
  moderationsDefinition,
} from './moderations/moderations.js';
import { readMultipartBody } from './multipart.js';
import { decodeRerankRequest, encodeRerankResponse, rerankDefinition } from './rerank/rerank.js';

/** Handlers for Gemini's per-model utility methods, called by the Gemini path route. */
export interface GeminiUtilityHandlers {
  countTokens(...args: [...Parameters<RouteHandler>, RouteParams]): Promise<void>;
  embedContent(...args: [...Parameters<RouteHandler>, RouteParams]): Promise<void>;
  batchEmbedContents(...args: [...Parameters<RouteHandler>, RouteParams]): Promise<void>;
}

/** The non-chat OpenAI-shaped endpoints (exact paths) and Gemini's embed methods. */
export function buildEndpointRoutes(services: EndpointServices): {
  exact: Array<[string, RouteHandler]>;
  gemini: GeminiUtilityHandlers;
} {
  const embeddings = createEndpointHandler(
    {
      definition: embeddingsDefinition,
      shape: 'openai-embeddings',
      dialect: openAiChatIngress,
      readBody: readJsonBody,
      decode: decodeOpenAiEmbeddingsRequest,
      encode: encodeOpenAiEmbeddingsResponse,
    },
    services,
  );
  const geminiEmbed = (batch: boolean) =>
    createEndpointHandler(
      {
        definition: embeddingsDefinition,
        shape: 'gemini-embed',
        dialect: geminiIngress,
        readBody: readJsonBody,
        decode: (body, params) => decodeGeminiEmbedRequest(body, params, batch),
        encode: encodeGeminiEmbedResponse,
      },
      services,
    );
  const openAi = (
    handler: ReturnType<typeof createEndpointHandler>,
    ...paths: string[]
  ): Array<[string, RouteHandler]> =>
    paths.map((path) => [`POST ${path}`, (request, response, query) => handler(request, response, query)]);
  const json = { dialect: openAiChatIngress, readBody: readJsonBody };
  const moderations = createEndpointHandler(
    {
      ...json,
      definition: moderationsDefinition,
      shape: 'openai-moderations',
      decode: decodeModerationRequest,
      encode: encodeModerationResponse,
    },
    services,
  );
  const rerank = createEndpointHandler(
    {
      ...json,
      definition: rerankDefinition,
      shape: 'rerank',
      decode: decodeRerankRequest,
      encode: encodeRerankResponse,
    },
    services,
  );
  const images = createEndpointHandler(
    {
      ...json,
      definition: imagesDefinition,
      shape: 'openai-images',
      decode: decodeImageRequest,
      encode: encodeImageResponse,
    },
    services,
  );
  const speech = createEndpointHandler(
    {
      ...json,
      definition: speechDefinition,
      shape: 'openai-speech',
      decode: decodeSpeechRequest,
      encode: encodeSpeechResponse,
    },
    services,
  );
  const transcriptions = createEndpointHandler(
    {
      dialect: openAiChatIngress,
      readBody: readMultipartBody,
      definition: transcriptionsDefinition,
      shape: 'openai-transcriptions',
      decode: decodeTranscriptionRequest,
      encode: encodeTranscriptionResponse,
    },
    services,
  );
  const anthropicCount = createCountTokensHandler(
    {
      codec: anthropicMessagesIngress,
      decode: (body) => anthropicMessagesIngress.decodeRequest(withPlaceholderMaxTokens(body), {}),
      encode: (tokens) => ({ input_tokens: tokens }),
    },
    services,
  );
  const geminiCount = createCountTokensHandler(
    {
      codec: geminiIngress,
      decode: decodeGeminiCountTokensRequest,
      encode: (tokens) => encodeGeminiCountTokensResponse(tokens),
    },
    services,
  );
  const single = geminiEmbed(false);
  const batch = geminiEmbed(true);
  return {
    exact: [
      ['POST /v1/embeddings', (request, response, query) => embeddings(request, response, query)],
      ['POST /embeddings', (request, response, query) => embeddings(request, response, query)],
      ...openAi(moderations, '/v1/moderations', '/moderations'),
      ...openAi(rerank, '/v1/rerank', '/rerank', '/v2/rerank'),
      ...openAi(images, '/v1/images/generations', '/images/generations'),
      ...openAi(speech, '/v1/audio/speech', '/audio/speech'),
      ...openAi(transcriptions, '/v1/audio/transcriptions', '/audio/transcriptions'),
      [
        'POST /v1/messages/count_tokens',
        (request, response, query) => anthropicCount(request, response, query),
      ],
    ],
    gemini: {
      countTokens: (request, response, query, _path, params) => geminiCount(request, response, query, params),
      embedContent: (request, response, query, _path, params) => single(request, response, query, params),
      batchEmbedContents: (request, response, query, _path, params) =>
        batch(request, response, query, params),
    },
  };
}
