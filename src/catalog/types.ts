/**
 * Prices in integer micro-dollars per million tokens (USD per million × 1e6), so that cost
 * arithmetic is exact. `null` means the price is unknown, never free.
 */
export interface ModelPrice {
  inputMicrosPerMillion: number | null;
  outputMicrosPerMillion: number | null;
  /** Cache reads; when unknown, cost falls back to the input price. */
  cachedInputMicrosPerMillion: number | null;
  /** Cache writes; when unknown, cost falls back to the input price. */
  cacheWriteMicrosPerMillion: number | null;
}

/** What a model can do. A flag the catalog does not state is false: nothing is claimed. */
export interface ModelCapabilities {
  tools: boolean;
  vision: boolean;
  jsonSchema: boolean;
  reasoning: boolean;
  streaming: boolean;
  /** An embedding model (served by `/v1/embeddings`, not chat). */
  embeddings: boolean;
  /** A moderation classifier (`/v1/moderations`). */
  moderation: boolean;
  /** A reranker (`/v1/rerank`). */
  rerank: boolean;
  /** An image generator (`/v1/images/generations`). */
  imageGeneration: boolean;
  /** A text-to-speech model (`/v1/audio/speech`). */
  speech: boolean;
  /** A speech-to-text model (`/v1/audio/transcriptions`). */
  transcription: boolean;
}

/**
 * Prices of endpoints billed by something other than tokens, in integer micro-dollars per unit
 * (per image, per million characters, per minute of audio, per search unit); null when unknown.
 */
export interface UnitPrices {
  imageMicros: number | null;
  millionCharactersMicros: number | null;
  minuteMicros: number | null;
  searchUnitMicros: number | null;
}

/** One priced model of one provider. */
export interface CatalogEntry {
  /** A provider preset id (`openai`, `groq`, `simulator`, ...). */
  provider: string;
  /** The upstream model id, as sent to the provider. */
  model: string;
  /** Other names the provider accepts for the same model at the same price (dated snapshots). */
  aliases: readonly string[];
  price: ModelPrice;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  capabilities: ModelCapabilities;
  unitPrices: UnitPrices;
  /** 0..100, relative strength for `strategy:quality` (higher is stronger); null when unknown. */
  quality: number | null;
  /** ISO date (YYYY-MM-DD) the price was taken; null when the price is unknown. */
  priceDate: string | null;
  /** Caveats about the price or capabilities. */
  notes?: string;
}

/** The versioned catalog of priced models. */
export interface ModelCatalog {
  /** The catalog's own version (a date). */
  version: string;
  /** The entry of a provider's model, by model id or alias. */
  find(provider: string, model: string): CatalogEntry | undefined;
  /** Entries of every provider whose model id or alias is exactly this name. */
  findByModel(model: string): CatalogEntry[];
  /** Every entry, in file order. */
  all(): CatalogEntry[];
}
