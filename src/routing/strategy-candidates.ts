import type { RoutingStrategyName } from '../config/types.js';
import { admit, type Candidate, type CandidateContext, takeFirst } from './candidate-pool.js';
import type { Deployment } from './deployments.js';
import type { FormEnvironment } from './resolve-form.js';
import { sortByCost, sortByLatency, sortByQuality, sortByThroughput } from './strategies.js';

/** How many deployments a strategy hands to the executor (the best few, not the whole catalog). */
const strategyBreadth = 5;

/**
 * The best few capable deployments by a strategy. With an explicit pool (a policy's models, an industry
 * allow-list, a key's short allow-list) it checks and sorts the pool; otherwise it walks the index's
 * pre-sorted lists and stops after the first few that pass, so cost does not grow with the catalog.
 */
export function strategyCandidates(
  strategy: RoutingStrategyName,
  context: CandidateContext,
  environment: FormEnvironment,
  pool?: Candidate[],
): Candidate[] {
  const explicit = pool ?? keyPool(context, environment);
  const { promptTokens, outputTokens } = environment.requirements;
  const output = outputTokens ?? environment.config.routing.defaultOutputTokens;
  if (strategy === 'local') context.limits.selfHostedOnly = true;
  if (explicit) {
    const admitted = explicit.flatMap(
      (candidate) => admit(context, candidate.deployment, candidate.weight, candidate.via) ?? [],
    );
    return order(strategy, admitted, context, environment, promptTokens, output).slice(0, strategyBreadth);
  }
  const index = environment.index;
  switch (strategy) {
    case 'cost':
      // The index is sorted by a blended price; re-sort a wider head by this request's own token mix.
      return sortByCost(takeFirst(context, index.byPrice, strategyBreadth * 3), promptTokens, output).slice(
        0,
        strategyBreadth,
      );
    case 'quality':
      return takeFirst(context, index.byQuality, strategyBreadth);
    case 'local':
      return takeFirst(context, index.local, strategyBreadth);
    default: {
      const measured = environment.health
        .fastest()
        .map((id) => index.get(id))
        .filter((deployment): deployment is Deployment => deployment !== undefined);
      const fastest = takeFirst(context, measured, strategyBreadth);
      return fastest.length >= strategyBreadth
        ? fastest
        : [...fastest, ...takeFirst(context, index.byQuality, strategyBreadth - fastest.length)];
    }
  }
}

function order(
  strategy: RoutingStrategyName,
  candidates: Candidate[],
  context: CandidateContext,
  environment: FormEnvironment,
  promptTokens: number,
  outputTokens: number,
): Candidate[] {
  switch (strategy) {
    case 'quality':
      return sortByQuality(candidates);
    case 'latency':
      return sortByLatency(candidates, context.health);
    default: {
      const byCost = sortByCost(candidates, promptTokens, outputTokens);
      return environment.request.routing?.sort === 'throughput'
        ? sortByThroughput(byCost, context.health)
        : byCost;
    }
  }
}

/** A key limited to a short list of exact models is routed among those, not by walking the catalog. */
function keyPool(context: CandidateContext, environment: FormEnvironment): Candidate[] | undefined {
  const allowed = context.principal?.allowedModels;
  if (!allowed || allowed.size > 64) return undefined;
  for (const name of allowed) if (name.includes('*')) return undefined;
  const pool: Candidate[] = [];
  for (const name of allowed) {
    const alias = environment.config.models.get(name);
    if (alias) {
      for (const target of alias.targets) {
        const deployment = environment.index.resolve(target.provider, target.model, target.overrides);
        if (deployment) pool.push({ deployment, weight: target.weight, via: alias.alias });
      }
      continue;
    }
    const slash = name.indexOf('/');
    const deployment =
      slash > 0 ? environment.index.resolve(name.slice(0, slash), name.slice(slash + 1)) : undefined;
    if (deployment) pool.push({ deployment, weight: 1 });
    else
      for (const byName of environment.index.byModelName(name)) pool.push({ deployment: byName, weight: 1 });
  }
  return pool;
}
