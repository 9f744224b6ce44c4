import { type CatalogEntry, findPricedModel, type ModelCatalog, type ModelPrice } from './catalog/index.js';
import type { ProviderAdapter } from './providers/provider.js';

/** Prices and catalog facts of a configured deployment (provider name + upstream model). */
export interface DeploymentPricing {
  priceOf(provider: string, model: string): ModelPrice | undefined;
  entryOf(provider: string, model: string): CatalogEntry | undefined;
  /**
   * The savings baseline: `name` (`provider/model` or a catalog model name), else the configured
   * default; undefined when neither is set or the catalog has no price for it.
   */
  baseline(name: string | undefined): { model: string; price: ModelPrice } | undefined;
}

/**
 * Looks deployments up in the catalog by the provider's preset id. Simulator model names may carry
 * fault directives (`demo-fast+cut-5`); those are priced as their base model.
 */
export function createPricing(
  catalog: ModelCatalog,
  adapters: ReadonlyMap<string, ProviderAdapter>,
  defaultBaseline?: string,
): DeploymentPricing {
  const baselines = new Map<string, { model: string; price: ModelPrice } | undefined>();
  const findBaseline = (name: string) => {
    if (baselines.has(name)) return baselines.get(name);
    const entry = findPricedModel(catalog, name);
    const found = entry ? { model: `${entry.provider}/${entry.model}`, price: entry.price } : undefined;
    baselines.set(name, found);
    return found;
  };
  const entryOf = (provider: string, model: string): CatalogEntry | undefined => {
    const type = adapters.get(provider)?.catalogProvider;
    if (type === undefined) return undefined;
    const name = type === 'simulator' ? (model.split('+')[0] ?? model) : model;
    return catalog.find(type, name);
  };
  return {
    entryOf,
    priceOf: (provider, model) => entryOf(provider, model)?.price,
    baseline: (name) => {
      const chosen = name ?? defaultBaseline;
      return chosen === undefined ? undefined : findBaseline(chosen);
    },
  };
}
