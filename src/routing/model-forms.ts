import type { ResolvedConfig } from '../config/index.js';
import type { RoutingStrategyName } from '../config/types.js';

/** What the caller's model string means. */
export type ModelForm =
  | { kind: 'auto' }
  | { kind: 'strategy'; strategy: RoutingStrategyName }
  | { kind: 'industry'; tag: string }
  | { kind: 'policy'; name: string }
  | { kind: 'alias'; alias: string; sort?: 'price' | 'throughput' }
  | { kind: 'provider-model'; provider: string; model: string; sort?: 'price' | 'throughput' }
  | { kind: 'catalog'; name: string; sort?: 'price' | 'throughput' }
  | { kind: 'unknown'; name: string };

const strategies = new Set<string>(['cost', 'quality', 'latency', 'local']);

/**
 * Recognises a model string. Names are looked up as given first, so a model whose own name ends in
 * `:floor` or `:nitro` still resolves; only then are those OpenRouter suffixes read as "sort by price"
 * and "sort by throughput".
 */
export function parseModelForm(
  model: string,
  config: ResolvedConfig,
  isCatalogName: (name: string) => boolean,
): ModelForm {
  if (model === 'auto') return { kind: 'auto' };
  if (model.startsWith('strategy:')) {
    const strategy = model.slice('strategy:'.length);
    return strategies.has(strategy)
      ? { kind: 'strategy', strategy: strategy as RoutingStrategyName }
      : { kind: 'unknown', name: model };
  }
  if (model.startsWith('industry:')) return { kind: 'industry', tag: model.slice('industry:'.length) };
  if (config.routing.policies.has(model)) return { kind: 'policy', name: model };
  const plain = parseConcrete(model, config, isCatalogName);
  if (plain) return plain;
  for (const [suffix, sort] of [
    [':floor', 'price'],
    [':nitro', 'throughput'],
  ] as const) {
    if (model.endsWith(suffix)) {
      const base = parseConcrete(model.slice(0, -suffix.length), config, isCatalogName);
      if (base) return { ...base, sort };
    }
  }
  return { kind: 'unknown', name: model };
}

function parseConcrete(
  model: string,
  config: ResolvedConfig,
  isCatalogName: (name: string) => boolean,
): Extract<ModelForm, { kind: 'alias' | 'provider-model' | 'catalog' }> | undefined {
  if (config.models.has(model)) return { kind: 'alias', alias: model };
  const slash = model.indexOf('/');
  if (slash > 0 && config.providers.has(model.slice(0, slash))) {
    return { kind: 'provider-model', provider: model.slice(0, slash), model: model.slice(slash + 1) };
  }
  if (isCatalogName(model)) return { kind: 'catalog', name: model };
  return undefined;
}
