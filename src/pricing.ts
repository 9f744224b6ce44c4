import type { CatalogEntry, ModelCatalog, ModelPrice } from './catalog/index.js';
import type { ProviderAdapter } from './providers/provider.js';

/** Prices and catalog facts of a configured deployment (provider name + upstream model). */
export interface DeploymentPricing {
  priceOf(provider: string, model: string): ModelPrice | undefined;
  entryOf(provider: string, model: string): CatalogEntry | undefined;
}

/**
 * Looks deployments up in the catalog by the provider's preset id. Simulator model names may carry
 * fault directives (`demo-fast+cut-5`); those are priced as their base model.
 */
export function createPricing(
  catalog: ModelCatalog,
  adapters: ReadonlyMap<string, ProviderAdapter>,
): DeploymentPricing {
  const entryOf = (provider: string, model: string): CatalogEntry | undefined => {
    const type = adapters.get(provider)?.catalogProvider;
    if (type === undefined) return undefined;
    const name = type === 'simulator' ? (model.split('+')[0] ?? model) : model;
    return catalog.find(type, name);
  };
  return { entryOf, priceOf: (provider, model) => entryOf(provider, model)?.price };
}
