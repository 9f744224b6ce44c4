import { CatalogError } from './catalog-error.js';
import { type CatalogDocumentEntry, catalogDocumentSchema } from './catalog-schema.js';
import bundledCatalog from './models.json' with { type: 'json' };
import type { CatalogEntry, ModelCatalog } from './types.js';

/** The catalog shipped in the repository (`src/catalog/models.json`). */
export function loadDefaultCatalog(): ModelCatalog {
  return createModelCatalog(bundledCatalog, 'models.json');
}

/**
 * Validates a catalog document and indexes it. Throws a `CatalogError` whose message lists every
 * problem as `path: message` (e.g. `models[3].inputPerMillion: ...`), prefixed by `sourceName`.
 */
export function createModelCatalog(document: unknown, sourceName: string): ModelCatalog {
  const parsed = catalogDocumentSchema.safeParse(document);
  if (!parsed.success) {
    throw invalidCatalog(
      sourceName,
      parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    );
  }
  const entries = parsed.data.models.map(toCatalogEntry);
  const byProviderAndName = new Map<string, CatalogEntry>();
  const byName = new Map<string, CatalogEntry[]>();
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const names = [entry.model, ...entry.aliases];
    names.forEach((name, nameIndex) => {
      const key = `${entry.provider}\u0000${name}`;
      const existing = byProviderAndName.get(key);
      if (existing) {
        const path =
          nameIndex === 0 ? `models[${index}].model` : `models[${index}].aliases[${nameIndex - 1}]`;
        problems.push(`${path}: "${name}" already names ${existing.provider}/${existing.model}`);
        return;
      }
      byProviderAndName.set(key, entry);
      const sameName = byName.get(name) ?? [];
      sameName.push(entry);
      byName.set(name, sameName);
    });
  });
  if (problems.length > 0) throw invalidCatalog(sourceName, problems);
  return {
    version: parsed.data.version,
    find: (provider, model) => byProviderAndName.get(`${provider}\u0000${model}`),
    findByModel: (model) => [...(byName.get(model) ?? [])],
    all: () => [...entries],
  };
}

/** USD per million tokens → integer micro-dollars per million tokens; null stays null. */
export function toMicrosPerMillion(usdPerMillion: number | null | undefined): number | null {
  if (usdPerMillion === null || usdPerMillion === undefined) return null;
  // Catalog prices have at most six decimals, so rounding removes only binary float noise.
  return Math.round(usdPerMillion * 1_000_000);
}

/** USD per unit → integer micro-dollars per unit; absent stays null (unknown, never free). */
function toMicros(usd: number | undefined): number | null {
  return usd === undefined ? null : Math.round(usd * 1_000_000);
}

function toCatalogEntry(entry: CatalogDocumentEntry): CatalogEntry {
  const capabilities = entry.capabilities;
  const result: CatalogEntry = {
    provider: entry.provider,
    model: entry.model,
    aliases: entry.aliases ?? [],
    price: {
      inputMicrosPerMillion: toMicrosPerMillion(entry.inputPerMillion),
      outputMicrosPerMillion: toMicrosPerMillion(entry.outputPerMillion),
      cachedInputMicrosPerMillion: toMicrosPerMillion(entry.cachedInputPerMillion),
      cacheWriteMicrosPerMillion: toMicrosPerMillion(entry.cacheWritePerMillion),
    },
    contextWindow: entry.contextWindow,
    maxOutputTokens: entry.maxOutputTokens ?? null,
    capabilities: {
      tools: capabilities.tools ?? false,
      vision: capabilities.vision ?? false,
      jsonSchema: capabilities.jsonSchema ?? false,
      reasoning: capabilities.reasoning ?? false,
      streaming: capabilities.streaming ?? false,
      embeddings: capabilities.embeddings ?? false,
      moderation: capabilities.moderation ?? false,
      rerank: capabilities.rerank ?? false,
      imageGeneration: capabilities.imageGeneration ?? false,
      speech: capabilities.speech ?? false,
      transcription: capabilities.transcription ?? false,
    },
    unitPrices: {
      imageMicros: toMicros(entry.unitPrices?.perImage),
      millionCharactersMicros: toMicros(entry.unitPrices?.perMillionCharacters),
      minuteMicros: toMicros(entry.unitPrices?.perMinute),
      searchUnitMicros: toMicros(entry.unitPrices?.perSearchUnit),
    },
    quality: entry.quality ?? null,
    priceDate: entry.priceDate,
  };
  if (entry.notes !== undefined) result.notes = entry.notes;
  return result;
}

function invalidCatalog(sourceName: string, problems: string[]): CatalogError {
  return new CatalogError(sourceName, problems);
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(root)' : text;
}
