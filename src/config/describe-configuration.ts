import type { ResolvedConfig, ResolvedModel } from './types.js';

/**
 * A human summary for `switchyard config check`: where the configuration came from, the server,
 * the store, each provider with its base URL and whether a key is set (never the key itself),
 * each model with its targets, and the warnings.
 */
export function describeConfiguration(config: ResolvedConfig): string[] {
  const lines = [`source: ${config.source}`];
  if (config.demo)
    lines.push('demo mode: no provider is configured, answers come from the built-in simulator');
  lines.push(`server: http://${config.server.host}:${config.server.port}`);
  lines.push(`store: ${config.store.type} at ${config.store.path}`);
  lines.push(`providers (${config.providers.size}):`);
  for (const provider of config.providers.values()) {
    const key =
      provider.preset.auth.style === 'none' ? 'no key needed' : provider.apiKey ? 'key set' : 'no key set';
    lines.push(`  ${provider.name} (${provider.preset.id}): ${provider.baseUrl}, ${key}`);
  }
  lines.push(`models (${config.models.size}):`);
  if (config.models.size === 0) lines.push('  none; use provider/model names, e.g. openai/gpt-4o-mini');
  for (const model of config.models.values()) lines.push(`  ${describeModel(model)}`);
  if (config.warnings.length > 0) {
    lines.push(`warnings (${config.warnings.length}):`);
    for (const warning of config.warnings) lines.push(`  ${warning}`);
  }
  return lines;
}

function describeModel(model: ResolvedModel): string {
  const showWeights = model.targets.some((target) => target.weight !== 1);
  const targets = model.targets
    .map((target) => `${target.provider}/${target.model}${showWeights ? ` (weight ${target.weight})` : ''}`)
    .join(', ');
  const fallbacks = model.fallbacks.length > 0 ? `; fallbacks: ${model.fallbacks.join(', ')}` : '';
  const retry = model.retry.attempts > 1 ? `; ${model.retry.attempts} tries per target` : '';
  return `${model.alias} → ${targets}${fallbacks}${retry}`;
}
