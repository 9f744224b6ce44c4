import { decodeOpenAiError } from '../../codecs/openai-chat/index.js';
import { cohereRerankEgress } from '../../providers/cohere/rerank.js';
import {
  invalid,
  optionalBoolean,
  optionalFallbacks,
  optionalInteger,
  requireObject,
  requireString,
} from '../request-fields.js';
import type { EndpointCall, EndpointDefinition, EndpointReply } from '../types.js';
import { isObject, postJson, readJsonObject } from '../upstream-request.js';
import { readRerankResults } from './read-results.js';
import type { RerankRequest, RerankResult } from './types.js';

const maxDocuments = 1000;

/** `POST /v1/rerank` (Cohere-compatible) body → call. */
export function decodeRerankRequest(raw: unknown): EndpointCall<RerankRequest> {
  const body = requireObject(raw);
  const model = requireString(body, 'model');
  const query = requireString(body, 'query');
  const documents = body.documents;
  if (!Array.isArray(documents) || documents.length === 0 || documents.length > maxDocuments)
    throw invalid(`'documents' must be a list of 1 to ${maxDocuments} documents.`, 'documents');
  documents.forEach((document, index) => {
    if (typeof document !== 'string' && !isObject(document))
      throw invalid(`'documents[${index}]' must be a string or an object.`, `documents[${index}]`);
  });
  const request: RerankRequest = {
    query,
    documents: documents as RerankRequest['documents'],
    returnDocuments: optionalBoolean(body, 'return_documents') ?? false,
  };
  const topN = optionalInteger(body, 'top_n', 1, maxDocuments);
  if (topN !== undefined) request.topN = topN;
  const maxTokensPerDoc = optionalInteger(body, 'max_tokens_per_doc', 1, 1_000_000);
  if (maxTokensPerDoc !== undefined) request.maxTokensPerDoc = maxTokensPerDoc;
  const fallbacks = optionalFallbacks(body);
  return { model, input: request, ...(fallbacks === undefined ? {} : { fallbackModels: fallbacks }) };
}

/** Cohere's answer shape; documents come from the caller's own request, strings as `{text}`. */
export function encodeRerankResponse(result: RerankResult, call: EndpointCall<RerankRequest>): EndpointReply {
  const { documents, returnDocuments } = call.input;
  return {
    kind: 'json',
    body: {
      id: result.id ?? `rerank-${Date.now().toString(36)}`,
      results: result.results.map(({ index, relevanceScore }) => {
        const document = documents[index] as RerankRequest['documents'][number];
        return returnDocuments
          ? {
              index,
              relevance_score: relevanceScore,
              document: typeof document === 'string' ? { text: document } : document,
            }
          : { index, relevance_score: relevanceScore };
      }),
      meta: { api_version: { version: '2' }, billed_units: { search_units: result.searchUnits } },
    },
  };
}

/** Rerank: Cohere `/v2/rerank`, or `/rerank` on OpenAI-compatible servers (vLLM, Jina, the simulator). */
export const rerankDefinition: EndpointDefinition<RerankRequest, RerankResult> = {
  endpoint: 'rerank',
  egress: {
    'openai-chat': {
      buildRequest(request, target) {
        const body: Record<string, unknown> = {
          model: target.model,
          query: request.query,
          documents: request.documents,
        };
        if (request.topN !== undefined) body.top_n = request.topN;
        return postJson(target.provider, '/rerank', body);
      },
      readResponse: async (response, request) =>
        readRerankResults(await readJsonObject(response, 'rerank'), request),
      decodeError: decodeOpenAiError,
    },
    'cohere-chat': cohereRerankEgress,
  },
  usageOf: (result) => ({ searchUnits: result.searchUnits }),
};
