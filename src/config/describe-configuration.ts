import { taskClassNames } from './routing-schema.js';
import type { ResolvedConfig, ResolvedModel, ResolvedProvider, ResolvedRouting } from './types.js';

/**
 * A human summary for `switchyard config check`: where the configuration came from, the server,
 * the store, whether the admin API is enabled, each provider with its base URL and whether a key is set (never the key itself),
 * each model with its targets, the routing (auto classes, policies, industries, breaker), the
 * extra catalog files, and the warnings.
 */
export function describeConfiguration(config: ResolvedConfig): string[] {
  const lines = [`source: ${config.source}`];
  if (config.demo)
    lines.push('demo mode: no provider is configured, answers come from the built-in simulator');
  lines.push(`server: http://${config.server.host}:${config.server.port}`);
  lines.push(`store: ${config.store.type} at ${config.store.path}`);
  lines.push(
    config.admin.key === undefined
      ? 'admin API: disabled (set SWITCHYARD_ADMIN_KEY or admin.key to enable /admin/v1)'
      : 'admin API: /admin/v1, admin key set',
  );
  lines.push(`providers (${config.providers.size}):`);
  for (const provider of config.providers.values()) {
    lines.push(
      `  ${provider.name} (${provider.preset.id}): ${provider.baseUrl}, ${describeCredentials(provider)}`,
    );
  }
  lines.push(`models (${config.models.size}):`);
  if (config.models.size === 0) lines.push('  none; use provider/model names, e.g. openai/gpt-4o-mini');
  for (const model of config.models.values()) lines.push(`  ${describeModel(model)}`);
  lines.push(...describeRouting(config.routing));
  if (config.catalogFiles.length > 0) lines.push(`catalog files: ${config.catalogFiles.join(', ')}`);
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
  // Only what differs from the defaults, so the common case stays one short line.
  const balance = model.balance === 'weighted' ? '' : `; balance: ${model.balance}`;
  const hedge = model.hedge ? `; hedge after ${model.hedge.afterMs} ms` : '';
  const rescue = model.rescue ? '' : '; no stream rescue';
  return `${model.alias} → ${targets}${fallbacks}${retry}${balance}${hedge}${rescue}`;
}

function describeRouting(routing: ResolvedRouting): string[] {
  const lines = ['routing:'];
  const classes = taskClassNames.filter((name) => routing.auto.classes[name].length > 0);
  lines.push(
    classes.length === 0
      ? '  auto: every class chooses by its default strategy'
      : `  auto: ${classes.map((name) => `${name} → ${routing.auto.classes[name].join(', ')}`).join('; ')}`,
  );
  if (routing.auto.premium.length > 0) {
    lines.push(
      `  auto premium (complexity above ${routing.auto.premiumAbove}): ${routing.auto.premium.join(', ')}`,
    );
  }
  lines.push(routing.policies.size > 0 ? `  policies (${routing.policies.size}):` : '  policies: none');
  for (const policy of routing.policies.values()) {
    const pool = policy.models.length > 0 ? policy.models.join(', ') : 'every model';
    const ceiling =
      policy.maxPricePerMillion === undefined ? '' : `, at most $${policy.maxPricePerMillion} per million`;
    lines.push(`    ${policy.name}: ${policy.strategy} over ${pool}${ceiling}`);
  }
  lines.push(
    routing.industries.size > 0 ? `  industries (${routing.industries.size}):` : '  industries: none',
  );
  for (const industry of routing.industries.values()) {
    const preferred = industry.preferred.length > 0 ? industry.preferred.join(', ') : 'none';
    const allowed = industry.allowed.length > 0 ? industry.allowed.join(', ') : 'any model';
    lines.push(`    ${industry.tag}: preferred ${preferred}; allowed ${allowed}`);
  }
  const { failureThreshold, openMs } = routing.breaker;
  lines.push(`  breaker: opens after ${failureThreshold} consecutive failures, for ${openMs} ms`);
  return lines;
}

/** Whether a credential is set (never the credential), and the cloud settings in use. */
function describeCredentials(provider: ResolvedProvider): string {
  const { auth } = provider.preset;
  let key = auth.style === 'none' ? 'no key needed' : provider.apiKey ? 'key set' : 'no key set';
  if (auth.style === 'cloud' && !provider.apiKey) {
    key = provider.secrets.secretAccessKey
      ? 'access keys set'
      : provider.options.credentialsFile
        ? 'service-account key file'
        : "the cloud's default credentials";
  }
  const settings = Object.entries(provider.options)
    .filter(([name]) => name !== 'credentialsFile')
    .map(([name, value]) => `${name} ${value}`);
  return [key, ...settings].join(', ');
}
