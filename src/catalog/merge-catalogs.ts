import { createModelCatalog } from './catalog.js';
import type { CatalogEntry, ModelCatalog } from './types.js';

/** One extra catalog document and where it came from (for error messages). */
export interface CatalogSource {
  document: unknown;
  sourceName: string;
}

/**
 * The base catalog with each document laid over it, in order. An entry replaces the entry of the
 * same provider and model id (keeping its place in `all()`); new entries are appended. A name
 * (model id or alias) claimed by several entries of one provider goes to the latest document, so
 * a price file can also re-point a dated alias. Each document is validated like `models.json`
 * and throws a `CatalogError` naming its source. The version is `<base version>+<document count>`
 * so logs show that the bundled prices were overridden.
 */
export function mergeCatalogs(base: ModelCatalog, documents: readonly CatalogSource[]): ModelCatalog {
  return layerCatalogs(
    base,
    documents.map((source) => createModelCatalog(source.document, source.sourceName)),
  );
}

/** `mergeCatalogs` for documents already validated and indexed (`createModelCatalog`). */
export function layerCatalogs(base: ModelCatalog, overlays: readonly ModelCatalog[]): ModelCatalog {
  if (overlays.length === 0) return base;
  const layers = [base, ...overlays];
  // Map keeps the first insertion's position when a later layer sets the same key: replace in place.
  const byIdentity = new Map<string, CatalogEntry>();
  for (const layer of layers) {
    for (const entry of layer.all()) byIdentity.set(key(entry.provider, entry.model), entry);
  }
  const byProviderAndName = new Map<string, CatalogEntry>();
  for (const layer of layers) {
    for (const entry of layer.all()) {
      if (byIdentity.get(key(entry.provider, entry.model)) !== entry) continue;
      for (const name of [entry.model, ...entry.aliases]) {
        // A layer that is itself merged may have given this name to a later entry: respect that.
        if (layer.find(entry.provider, name) === entry)
          byProviderAndName.set(key(entry.provider, name), entry);
      }
    }
  }
  const byName = new Map<string, CatalogEntry[]>();
  for (const [identity, entry] of byProviderAndName) {
    const name = identity.slice(entry.provider.length + 1);
    const sameName = byName.get(name);
    if (sameName) sameName.push(entry);
    else byName.set(name, [entry]);
  }
  const entries = [...byIdentity.values()];
  return {
    version: `${base.version}+${overlays.length}`,
    find: (provider, model) => byProviderAndName.get(key(provider, model)),
    findByModel: (model) => [...(byName.get(model) ?? [])],
    all: () => [...entries],
  };
}

function key(provider: string, name: string): string {
  return `${provider}\u0000${name}`;
}
