import type { SimulatorContext } from './context.js';
import { invalidRequest, missingParameter } from './errors.js';
import type { Exchange } from './exchange.js';
import { answerEarlyFault, sendJsonWithFault } from './fault-responses.js';
import { hashString, stableId } from './hash.js';
import { parseModelRequest } from './model-request.js';

const MAX_DOCUMENTS = 1000;

/** A document's text: a string, or an object's `text` field (else its JSON). */
function documentText(document: unknown): string | undefined {
  if (typeof document === 'string') return document;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  const text = (document as Record<string, unknown>).text;
  return typeof text === 'string' ? text : JSON.stringify(document);
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/**
 * A deterministic relevance in (0, 1): the share of query words the document contains, plus a small
 * hash-based tie-breaker so equal overlaps still have a stable order.
 */
export function relevance(query: string, document: string): number {
  const queryWords = words(query);
  const documentWords = words(document);
  let shared = 0;
  for (const word of queryWords) if (documentWords.has(word)) shared++;
  const overlap = queryWords.size === 0 ? 0 : shared / queryWords.size;
  const jitter = (hashString(`${query}\u0000${document}`) % 1000) / 100_000;
  return Math.round((0.05 + 0.9 * overlap + jitter) * 1e6) / 1e6;
}

/**
 * `POST /v1/rerank` and Cohere's `POST /v2/rerank` (same wire shape): `{model, query, documents,
 * top_n?, return_documents?}` → `{id, results: [{index, relevance_score, document?}], meta}`, highest
 * score first; one search unit per 100 documents.
 */
export function handleRerank(exchange: Exchange, raw: string, context: SimulatorContext): void {
  const parsed = parseModelRequest(raw, exchange.record);
  if ('status' in parsed) {
    exchange.sendError(parsed);
    return;
  }
  const applied = context.faults.apply(parsed.model, parsed.parsed, Date.now());
  if (answerEarlyFault(exchange, applied, parsed.model)) return;
  const { query, documents, top_n: topN, return_documents: returnDocuments } = parsed.body;
  if (typeof query !== 'string' || query === '') {
    exchange.sendError(missingParameter('query'));
    return;
  }
  if (!Array.isArray(documents) || documents.length === 0 || documents.length > MAX_DOCUMENTS) {
    exchange.sendError(
      invalidRequest(`'documents' must hold 1 to ${MAX_DOCUMENTS} documents.`, 'documents', 'invalid_value'),
    );
    return;
  }
  const texts = documents.map(documentText);
  const bad = texts.indexOf(undefined);
  if (bad >= 0) {
    exchange.sendError(
      invalidRequest(
        `documents[${bad}] must be a string or an object.`,
        `documents[${bad}]`,
        'invalid_value',
      ),
    );
    return;
  }
  if (topN !== undefined && (typeof topN !== 'number' || !Number.isInteger(topN) || topN < 1)) {
    exchange.sendError(invalidRequest("'top_n' must be a positive integer.", 'top_n', 'invalid_value'));
    return;
  }
  const ranked = texts
    .map((text, index) => ({
      index,
      relevance_score: relevance(query, text as string),
      text: text as string,
    }))
    .sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index)
    .slice(0, topN ?? texts.length)
    .map(({ index, relevance_score, text }) =>
      returnDocuments === true ? { index, relevance_score, document: { text } } : { index, relevance_score },
    );
  const body = {
    id: stableId(`${query}\u0000${texts.join('\u0000')}`),
    results: ranked,
    meta: {
      api_version: { version: '2' },
      billed_units: { search_units: Math.ceil(documents.length / 100) },
    },
  };
  sendJsonWithFault(exchange, JSON.stringify(body), applied.fault);
}
