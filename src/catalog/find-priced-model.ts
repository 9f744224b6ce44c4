import type { CatalogEntry, ModelCatalog } from './types.js';

/**
 * A catalog model named the way configuration names one (`provider/model`, or a bare model name
 * served by any provider) whose input and output prices are both known; undefined otherwise.
 */
export function findPricedModel(catalog: ModelCatalog, name: string): CatalogEntry | undefined {
  const slash = name.indexOf('/');
  const candidates =
    slash > 0 ? [catalog.find(name.slice(0, slash), name.slice(slash + 1))] : catalog.findByModel(name);
  return candidates.find(
    (entry): entry is CatalogEntry =>
      entry !== undefined &&
      entry.price.inputMicrosPerMillion !== null &&
      entry.price.outputMicrosPerMillion !== null,
  );
}
