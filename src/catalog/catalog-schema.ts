import { z } from 'zod';

/** USD per million tokens; null when unknown. Zero is a real price (self-hosted, free tiers). */
const usdPerMillion = z.number().nonnegative().max(1_000_000);

const capabilitiesSchema = z.strictObject({
  tools: z.boolean().optional(),
  vision: z.boolean().optional(),
  jsonSchema: z.boolean().optional(),
  reasoning: z.boolean().optional(),
  streaming: z.boolean().optional(),
  embeddings: z.boolean().optional(),
  moderation: z.boolean().optional(),
  rerank: z.boolean().optional(),
  imageGeneration: z.boolean().optional(),
  speech: z.boolean().optional(),
  transcription: z.boolean().optional(),
});

/** USD per unit for endpoints not billed by the token; absent keys are unknown prices. */
const unitPricesSchema = z.strictObject({
  perImage: z.number().nonnegative().max(1_000).optional(),
  perMillionCharacters: z.number().nonnegative().max(1_000_000).optional(),
  perMinute: z.number().nonnegative().max(1_000).optional(),
  perSearchUnit: z.number().nonnegative().max(1_000).optional(),
});

const entrySchema = z.strictObject({
  provider: z.string().min(1),
  model: z.string().min(1),
  aliases: z.array(z.string().min(1)).optional(),
  // Required keys even when unknown, so an omission is visible in review rather than a silent null.
  inputPerMillion: usdPerMillion.nullable(),
  outputPerMillion: usdPerMillion.nullable(),
  cachedInputPerMillion: usdPerMillion.nullable().optional(),
  cacheWritePerMillion: usdPerMillion.nullable().optional(),
  contextWindow: z.number().int().positive().nullable(),
  maxOutputTokens: z.number().int().positive().nullable().optional(),
  capabilities: capabilitiesSchema,
  unitPrices: unitPricesSchema.optional(),
  /** Relative strength for `strategy:quality`; higher is stronger. Null or absent when there is no basis. */
  quality: z.number().min(0).max(100).nullable().optional(),
  priceDate: z.iso.date().nullable(),
  notes: z.string().optional(),
});

/** The shape of `models.json`. */
export const catalogDocumentSchema = z.strictObject({
  version: z.string().min(1),
  models: z.array(entrySchema),
});

/** A parsed, not yet indexed, `models.json`. */
export type CatalogDocument = z.infer<typeof catalogDocumentSchema>;

/** One entry as written in `models.json`. */
export type CatalogDocumentEntry = CatalogDocument['models'][number];
