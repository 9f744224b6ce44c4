import { billedUnit } from '../../providers/cohere/embed.js';
import { isObject, protocolError } from '../upstream-request.js';
import type { RerankRequest, RerankResult } from './types.js';

/** Reads Cohere's rerank answer (also what vLLM, Jina and the simulator return). */
export function readRerankResults(body: Record<string, unknown>, request: RerankRequest): RerankResult {
  if (!Array.isArray(body.results)) throw protocolError('rerank: `results` is not an array');
  const results = body.results.map((item, position) => {
    const index = isObject(item) ? item.index : undefined;
    const score = isObject(item) ? item.relevance_score : undefined;
    if (
      typeof index !== 'number' ||
      !Number.isInteger(index) ||
      index < 0 ||
      index >= request.documents.length
    )
      throw protocolError(`rerank: results[${position}].index is not a document index`);
    if (typeof score !== 'number' || !Number.isFinite(score))
      throw protocolError(`rerank: results[${position}].relevance_score is not a number`);
    return { index, relevanceScore: score };
  });
  results.sort((a, b) => b.relevanceScore - a.relevanceScore);
  const result: RerankResult = {
    results: request.topN === undefined ? results : results.slice(0, request.topN),
    searchUnits: billedUnit(body, 'search_units') ?? Math.max(1, Math.ceil(request.documents.length / 100)),
  };
  if (typeof body.id === 'string') result.id = body.id;
  return result;
}
