import type { CatalogEntry, ModelCatalog } from '../catalog/index.js';
import type { ResolvedProvider } from '../config/index.js';

/**
 * The catalog entry of a deployment, found by its provider's preset (`catalogProvider` or id). Unlike
 * the chat pricing it needs no chat adapter, so providers that only serve these endpoints (Cohere embed
 * and rerank) are priced too. Simulator fault directives (`demo-embed+500`) are priced as the base model.
 */
export function createEndpointPricing(
  catalog: ModelCatalog,
  providers: ReadonlyMap<string, ResolvedProvider>,
): (provider: string, model: string) => CatalogEntry | undefined {
  return (provider, model) => {
    const preset = providers.get(provider)?.preset;
    if (!preset) return undefined;
    const type = preset.catalogProvider ?? preset.id;
    return catalog.find(type, type === 'simulator' ? (model.split('+')[0] ?? model) : model);
  };
}
