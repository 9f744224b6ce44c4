import type { ModelCatalog } from '../catalog/types.js';
import {
  balanceDefault,
  defaultWeight,
  modelTimeoutDefaults,
  rescueDefault,
  retryDefaults,
} from './defaults.js';
import { findFallbackCycles } from './find-fallback-cycles.js';
import { formatPath } from './format-path.js';
import { definedOnly } from './resolve-providers.js';
import type { RawModel, RawTarget } from './schema.js';
import type { DeploymentOverrides, ResolvedModel, ResolvedProvider, ResolvedTarget } from './types.js';

/** What model resolution reads, and where it reports. */
export interface ModelResolutionContext {
  /** Every provider name declared, valid or not, for "known:" lists and existence checks. */
  providerNames: readonly string[];
  /** The providers that resolved, for catalog checks. */
  providers: ReadonlyMap<string, ResolvedProvider>;
  catalog: ModelCatalog | undefined;
  issues: string[];
  warnings: string[];
}

/** Resolves model aliases: targets against providers, fallbacks against aliases, no cycles. */
export function resolveModels(
  raw: Record<string, RawModel>,
  context: ModelResolutionContext,
): Map<string, ResolvedModel> {
  const aliases = Object.keys(raw);
  const cataloguedProviders = new Set(context.catalog?.all().map((entry) => entry.provider));
  const models = new Map<string, ResolvedModel>();
  for (const [alias, settings] of Object.entries(raw)) {
    const targets = settings.targets.map((target, index) =>
      resolveTarget(target, ['models', alias, 'targets', index], context, cataloguedProviders),
    );
    const fallbacks = settings.fallbacks ?? [];
    fallbacks.forEach((fallback, index) => {
      if (!Object.hasOwn(raw, fallback)) {
        context.issues.push(
          `${formatPath(['models', alias, 'fallbacks', index])}: unknown model "${fallback}" (known: ${aliases.join(', ')})`,
        );
      }
    });
    const timeouts = { ...modelTimeoutDefaults, ...definedOnly(settings.timeouts) };
    for (const key of ['ttftMs', 'idleMs'] as const) {
      if (timeouts[key] > timeouts.totalMs) {
        context.warnings.push(
          `${formatPath(['models', alias, 'timeouts', key])}: ${timeouts[key]} exceeds totalMs ${timeouts.totalMs}, so totalMs applies first`,
        );
      }
    }
    if (settings.hedge && targets.length === 1 && fallbacks.length === 0) {
      context.warnings.push(
        `${formatPath(['models', alias, 'hedge'])}: one target and no fallbacks, so there is nothing to hedge with`,
      );
    }
    const model: ResolvedModel = {
      alias,
      targets,
      fallbacks: [...fallbacks],
      retry: { ...retryDefaults, ...definedOnly(settings.retry) },
      timeouts,
      balance: settings.balance ?? balanceDefault,
      rescue: settings.rescue ?? rescueDefault,
    };
    if (settings.hedge) model.hedge = { afterMs: settings.hedge.afterMs };
    models.set(alias, model);
  }
  const graph = new Map(Object.entries(raw).map(([alias, settings]) => [alias, settings.fallbacks ?? []]));
  for (const cycle of findFallbackCycles(graph)) {
    context.issues.push(
      `${formatPath(['models', cycle[0] ?? '', 'fallbacks'])}: fallback cycle ${cycle.join(' → ')}`,
    );
  }
  return models;
}

function resolveTarget(
  target: RawTarget,
  path: readonly (string | number)[],
  context: ModelResolutionContext,
  cataloguedProviders: ReadonlySet<string>,
): ResolvedTarget {
  const weight = target.weight ?? defaultWeight;
  if (!context.providerNames.includes(target.provider)) {
    const known = context.providerNames.length > 0 ? context.providerNames.join(', ') : 'none';
    context.issues.push(
      `${formatPath([...path, 'provider'])}: unknown provider "${target.provider}" (known: ${known})`,
    );
  }
  if (!(weight > 0) || !Number.isFinite(weight)) {
    context.issues.push(`${formatPath([...path, 'weight'])}: must be a positive number (got ${weight})`);
  }
  const provider = context.providers.get(target.provider);
  const overrides = deploymentOverrides(target);
  const pricedHere = overrides?.inputPerMillion !== undefined && overrides.outputPerMillion !== undefined;
  // Only warn where the catalog knows the vendor: a self-hosted or pass-through model is expected to be missing.
  if (
    !pricedHere &&
    provider &&
    context.catalog &&
    cataloguedProviders.has(provider.preset.id) &&
    !context.catalog.find(provider.preset.id, target.model)
  ) {
    context.warnings.push(
      `${formatPath([...path, 'model'])}: "${target.model}" is not in the model catalog for ${provider.preset.id}, so its cost will be reported as unknown`,
    );
  }
  const resolved: ResolvedTarget = { provider: target.provider, model: target.model, weight };
  if (overrides) resolved.overrides = overrides;
  return resolved;
}

/** The target's deployment facts, or undefined when it states none (the catalog then speaks alone). */
function deploymentOverrides(target: RawTarget): DeploymentOverrides | undefined {
  const overrides: DeploymentOverrides = definedOnly({
    contextWindow: target.contextWindow,
    inputPerMillion: target.inputPerMillion,
    outputPerMillion: target.outputPerMillion,
    quality: target.quality,
    continuation: target.continuation,
  });
  const capabilities = definedOnly(target.capabilities);
  if (Object.keys(capabilities).length > 0) overrides.capabilities = capabilities;
  return Object.keys(overrides).length > 0 ? overrides : undefined;
}
