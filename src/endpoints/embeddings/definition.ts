import { cohereEmbedEgress } from '../../providers/cohere/embed.js';
import type { EndpointDefinition } from '../types.js';
import { geminiEmbeddingsEgress } from './gemini-egress.js';
import { openAiEmbeddingsEgress } from './openai-egress.js';
import type { EmbedRequest, EmbedResult } from './types.js';

/** Embeddings: OpenAI-compatible `/embeddings`, Gemini `batchEmbedContents`, Cohere `/v2/embed`. */
export const embeddingsDefinition: EndpointDefinition<EmbedRequest, EmbedResult> = {
  endpoint: 'embeddings',
  egress: {
    'openai-chat': openAiEmbeddingsEgress,
    gemini: geminiEmbeddingsEgress,
    'cohere-chat': cohereEmbedEgress,
  },
  usageOf: (result) => ({
    inputTokens: result.inputTokens ?? 0,
    outputTokens: 0,
    ...(result.estimated || result.inputTokens === undefined ? { estimated: true } : {}),
  }),
};
