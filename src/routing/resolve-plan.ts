import { GatewayError } from '../canon/index.js';
import type { ModelCatalog } from '../catalog/index.js';
import type { ResolvedConfig, ResolvedModel } from '../config/index.js';
import { orderTargets } from './order-targets.js';
import { listCandidates, type RouteGroup, type RoutePlan, type RouteTimeouts } from './plan.js';

/** Defaults for routes that have no `models:` entry (provider/model shorthand, catalog names). */
export const defaultTimeouts: RouteTimeouts = { ttftMs: 60_000, idleMs: 60_000, totalMs: 600_000 };
const defaultRetry = { attempts: 1, backoffMs: 250 };

/** Turns what the caller asked for into an ordered plan of deployments. */
export interface Router {
  resolve(model: string): RoutePlan;
  /** Every model name a caller may use, for `GET /v1/models`. */
  listModels(): Array<{ id: string; ownedBy: string }>;
}

export function createRouter(
  config: ResolvedConfig,
  catalog: ModelCatalog,
  random: () => number = Math.random,
): Router {
  const providersByType = new Map<string, string[]>();
  for (const provider of config.providers.values()) {
    const names = providersByType.get(provider.preset.id) ?? [];
    names.push(provider.name);
    providersByType.set(provider.preset.id, names);
  }

  const groupFor = (model: ResolvedModel): RouteGroup => ({
    name: model.alias,
    targets: orderTargets(
      model.targets.map((target, index) => ({ ...target, deployment: `${model.alias}#${index}` })),
      random,
    ),
    retry: model.retry,
  });

  const resolveAlias = (alias: ResolvedModel): RoutePlan => {
    const groups: RouteGroup[] = [groupFor(alias)];
    const seen = new Set([alias.alias]);
    const queue = [...alias.fallbacks];
    while (queue.length > 0) {
      const name = queue.shift() as string;
      const fallback = config.models.get(name);
      if (!fallback || seen.has(name)) continue;
      seen.add(name);
      groups.push(groupFor(fallback));
      queue.push(...fallback.fallbacks);
    }
    const reason =
      groups.length > 1
        ? `alias '${alias.alias}' with fallbacks ${groups
            .slice(1)
            .map((g) => `'${g.name}'`)
            .join(', ')}`
        : `alias '${alias.alias}'`;
    return {
      requested: alias.alias,
      groups,
      timeouts: alias.timeouts,
      reason,
      candidates: listCandidates(groups),
    };
  };

  const single = (requested: string, provider: string, model: string, reason: string): RoutePlan => ({
    requested,
    groups: [
      {
        name: requested,
        targets: [{ provider, model, weight: 1, deployment: `${provider}/${model}` }],
        retry: defaultRetry,
      },
    ],
    timeouts: defaultTimeouts,
    reason,
    candidates: [`${provider}/${model}`],
  });

  return {
    resolve(model: string): RoutePlan {
      const alias = config.models.get(model);
      if (alias) return resolveAlias(alias);
      const slash = model.indexOf('/');
      if (slash > 0) {
        const providerName = model.slice(0, slash);
        if (config.providers.has(providerName)) {
          return single(model, providerName, model.slice(slash + 1), `provider-scoped name '${model}'`);
        }
      }
      const entries = catalog.findByModel(model).filter((entry) => providersByType.has(entry.provider));
      if (entries.length > 0) {
        const targets = entries.flatMap((entry) =>
          (providersByType.get(entry.provider) ?? []).map((name) => ({
            provider: name,
            model: entry.model,
            weight: 1,
            deployment: `${name}/${entry.model}`,
          })),
        );
        const providers = targets.map((target) => target.provider).join(', ');
        const groups = [{ name: model, targets, retry: defaultRetry }];
        return {
          requested: model,
          groups,
          candidates: listCandidates(groups),
          timeouts: defaultTimeouts,
          reason: `catalog model '${model}' served by ${providers}`,
        };
      }
      throw new GatewayError(
        'model_not_found',
        `The model '${model}' does not exist or is not configured on this gateway. Use GET /v1/models to list the models your key may use.`,
        { param: 'model' },
      );
    },
    listModels() {
      const models = new Map<string, string>();
      for (const alias of config.models.keys()) models.set(alias, 'switchyard');
      for (const entry of catalog.all()) {
        for (const name of providersByType.get(entry.provider) ?? []) {
          if (!models.has(entry.model)) models.set(entry.model, name);
          models.set(`${name}/${entry.model}`, name);
        }
      }
      return [...models.entries()].map(([id, ownedBy]) => ({ id, ownedBy }));
    },
  };
}
