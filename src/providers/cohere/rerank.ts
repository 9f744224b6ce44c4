import { readRerankResults } from '../../endpoints/rerank/read-results.js';
import { documentText, type RerankRequest, type RerankResult } from '../../endpoints/rerank/types.js';
import type { EndpointEgress } from '../../endpoints/types.js';
import { postJson, readJsonObject } from '../../endpoints/upstream-request.js';
import { decodeCohereError } from './errors.js';

/**
 * Cohere v2 `POST /v2/rerank`: `{model, query, documents: string[], top_n?, max_tokens_per_doc?}` →
 * `{results: [{index, relevance_score}], meta: {billed_units: {search_units}}}`. v2 takes documents as
 * strings only, so an object document is sent as its `text` (or its JSON); the gateway returns the
 * caller's own documents, so nothing is lost.
 */
export const cohereRerankEgress: EndpointEgress<RerankRequest, RerankResult> = {
  buildRequest(request, target) {
    const body: Record<string, unknown> = {
      model: target.model,
      query: request.query,
      documents: request.documents.map(documentText),
    };
    if (request.topN !== undefined) body.top_n = request.topN;
    if (request.maxTokensPerDoc !== undefined) body.max_tokens_per_doc = request.maxTokensPerDoc;
    return postJson(target.provider, '/rerank', body);
  },
  readResponse: async (response, request) =>
    readRerankResults(await readJsonObject(response, 'cohere rerank'), request),
  decodeError: decodeCohereError,
};
