/** A rerank request in the gateway's terms (Cohere's, which the OpenAI-compatible servers copied). */
export interface RerankRequest {
  query: string;
  /** Strings, or objects (their `text` field is what is ranked; the object is returned as given). */
  documents: Array<string | Record<string, unknown>>;
  topN?: number;
  returnDocuments: boolean;
  maxTokensPerDoc?: number;
}

/** Ranked results, best first, and what the upstream billed. */
export interface RerankResult {
  results: Array<{ index: number; relevanceScore: number }>;
  /** Search units the upstream billed; computed as one per 100 documents when it did not say. */
  searchUnits: number;
  id?: string;
}

/** The text an upstream ranks for a document. */
export function documentText(document: string | Record<string, unknown>): string {
  if (typeof document === 'string') return document;
  return typeof document.text === 'string' ? document.text : JSON.stringify(document);
}
