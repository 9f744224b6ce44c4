/** One text to embed, or token ids (OpenAI accepts both). */
export type EmbeddingInput = string | number[];

/** An embeddings request in the gateway's own terms, whatever shape it arrived in. */
export interface EmbedRequest {
  inputs: EmbeddingInput[];
  /** Requested vector length (OpenAI `dimensions`, Gemini `outputDimensionality`, Cohere `output_dimension`). */
  dimensions?: number;
  /** What the vectors are for (Cohere `input_type`, Gemini `taskType`), normalised to Cohere's words. */
  purpose?: 'search_document' | 'search_query' | 'classification' | 'clustering';
  user?: string;
}

/** The vectors in input order, and the tokens the upstream billed (undefined when it did not say). */
export interface EmbedResult {
  vectors: number[][];
  inputTokens: number | undefined;
  /** The token count is the gateway's own (the upstream reports none). */
  estimated?: boolean;
}
