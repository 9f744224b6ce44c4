import type { ModelCatalog } from '../catalog/types.js';
import { defaultRouting } from './defaults.js';
import { type ConfigPath, formatPath } from './format-path.js';
import { definedOnly } from './resolve-providers.js';
import { taskClassNames } from './routing-schema.js';
import type { RawRouting } from './schema.js';
import type { ResolvedIndustry, ResolvedPolicy, ResolvedProvider, ResolvedRouting } from './types.js';

/** What routing resolution reads, and where it reports. */
export interface RoutingResolutionContext {
  /** Every alias declared under `models:`, valid or not. */
  aliases: ReadonlySet<string>;
  /** Every provider name declared, valid or not: `provider/model` references must name one. */
  providerNames: readonly string[];
  /** The providers that resolved, to tell whether a catalogued model is served by any of them. */
  providers: ReadonlyMap<string, ResolvedProvider>;
  /** Bare model names are accepted when the catalog knows them. */
  catalog: ModelCatalog | undefined;
  issues: string[];
  warnings: string[];
}

/** Prefixes callers use for built-in routes, so a policy must not claim them. */
const reservedPrefixes = ['strategy:', 'industry:'];

/**
 * Resolves the `routing:` section: every model reference must be an alias, a `provider/model`
 * of a declared provider, or a model the catalog knows; policy names must not shadow aliases or
 * built-in routes. Absent settings take the defaults of `defaultRouting()`.
 */
export function resolveRouting(
  raw: RawRouting | undefined,
  context: RoutingResolutionContext,
): ResolvedRouting {
  const routing = defaultRouting();
  if (!raw) return routing;
  const auto = raw.auto;
  for (const name of taskClassNames) {
    routing.auto.classes[name] = references(
      auto?.classes?.[name],
      ['routing', 'auto', 'classes', name],
      context,
    );
  }
  routing.auto.premium = references(auto?.premium, ['routing', 'auto', 'premium'], context);
  if (auto?.premiumAbove !== undefined) routing.auto.premiumAbove = auto.premiumAbove;

  for (const [name, settings] of Object.entries(raw.policies ?? {})) {
    const path = ['routing', 'policies', name];
    checkPolicyName(name, path, context);
    const policy: ResolvedPolicy = {
      name,
      strategy: settings.strategy,
      models: references(settings.models, [...path, 'models'], context),
    };
    if (settings.maxPricePerMillion !== undefined) policy.maxPricePerMillion = settings.maxPricePerMillion;
    routing.policies.set(name, policy);
  }

  for (const [tag, settings] of Object.entries(raw.industries ?? {})) {
    const path = ['routing', 'industries', tag];
    const industry: ResolvedIndustry = {
      tag,
      preferred: references(settings.preferred, [...path, 'preferred'], context),
      allowed: references(settings.allowed, [...path, 'allowed'], context),
    };
    routing.industries.set(tag, industry);
  }

  routing.breaker = { ...routing.breaker, ...definedOnly(raw.breaker) };
  routing.cooldowns = { ...routing.cooldowns, ...definedOnly(raw.cooldowns) };
  if (raw.maxRetryAfterMs !== undefined) routing.maxRetryAfterMs = raw.maxRetryAfterMs;
  if (raw.defaultOutputTokens !== undefined) routing.defaultOutputTokens = raw.defaultOutputTokens;
  return routing;
}

/** A policy is asked for by name as a model, so its name must not mean anything else already. */
function checkPolicyName(name: string, path: ConfigPath, context: RoutingResolutionContext): void {
  const at = formatPath(path);
  if (name === 'auto') {
    context.issues.push(`${at}: "auto" is reserved for the automatic router; choose another name`);
    return;
  }
  const prefix = reservedPrefixes.find((reserved) => name.startsWith(reserved));
  if (prefix !== undefined) {
    context.issues.push(`${at}: names starting with "${prefix}" are reserved; choose another name`);
    return;
  }
  if (context.aliases.has(name)) {
    context.issues.push(
      `${at}: "${name}" is already a model alias under models:, so the policy could not be asked for; choose another name`,
    );
  }
}

/** The list with each reference checked; absent means empty. */
function references(
  names: readonly string[] | undefined,
  path: ConfigPath,
  context: RoutingResolutionContext,
): string[] {
  const list = names ?? [];
  for (const [index, name] of list.entries()) checkReference(name, [...path, index], context);
  return [...list];
}

function checkReference(name: string, path: ConfigPath, context: RoutingResolutionContext): void {
  if (context.aliases.has(name)) return;
  const slash = name.indexOf('/');
  // The model part is free text: self-hosted and pass-through models are not in any catalog.
  if (slash > 0 && slash < name.length - 1 && context.providerNames.includes(name.slice(0, slash))) return;
  const catalogued = context.catalog?.findByModel(name) ?? [];
  if (catalogued.length > 0) {
    const presets = new Set([...context.providers.values()].map((provider) => provider.preset.id));
    if (!catalogued.some((entry) => presets.has(entry.provider))) {
      const vendors = [...new Set(catalogued.map((entry) => entry.provider))].join(', ');
      context.warnings.push(
        `${formatPath(path)}: "${name}" is in the catalog (${vendors}) but no configured provider serves it`,
      );
    }
    return;
  }
  const notes = ['not an alias', 'not provider/model of a configured provider'];
  if (context.catalog) notes.push('not in the catalog');
  context.issues.push(`${formatPath(path)}: unknown model "${name}" (${notes.join(', ')})`);
}
