import type { ResolvedConfig, ResolvedModel } from '../config/index.js';
import type { Candidate } from './candidate-pool.js';
import type { DeploymentIndex } from './deployments.js';
import type { DeploymentHealth } from './health.js';
import { orderTargets } from './order-targets.js';
import { sortByLatency, sortByLeastBusy } from './strategies.js';

/** What reference expansion reads. */
export interface ExpansionEnvironment {
  config: ResolvedConfig;
  index: DeploymentIndex;
  health: DeploymentHealth;
  random: () => number;
}

/**
 * The deployments behind a model reference in configuration or a request: an alias (its targets, in
 * its balancing order), `provider/model`, or a bare catalog name (every configured provider serving it).
 * Unchecked: the caller filters them.
 */
export function expandReference(reference: string, environment: ExpansionEnvironment): Candidate[] {
  const alias = environment.config.models.get(reference);
  if (alias) return aliasTargets(alias, environment);
  const slash = reference.indexOf('/');
  if (slash > 0 && environment.config.providers.has(reference.slice(0, slash))) {
    const deployment = environment.index.resolve(reference.slice(0, slash), reference.slice(slash + 1));
    return deployment ? [{ deployment, weight: 1 }] : [];
  }
  return environment.index.byModelName(reference).map((deployment) => ({ deployment, weight: 1 }));
}

/** An alias's targets as candidates, ordered by its balancing strategy. */
export function aliasTargets(alias: ResolvedModel, environment: ExpansionEnvironment): Candidate[] {
  const candidates: Candidate[] = [];
  for (const target of alias.targets) {
    const deployment = environment.index.resolve(target.provider, target.model, target.overrides);
    if (deployment) candidates.push({ deployment, weight: target.weight, via: alias.alias });
  }
  switch (alias.balance) {
    case 'priority':
      return candidates;
    case 'least-busy':
      return sortByLeastBusy(candidates, environment.health);
    case 'latency':
      return sortByLatency(candidates, environment.health);
    default:
      return orderTargets(candidates, environment.random);
  }
}
