import type { Deployment } from './deployments.js';
import type { DeploymentHealth } from './health.js';

/** The static per-request cost estimate used to order by price: prompt and output tokens × prices. */
export function estimatedCost(deployment: Deployment, promptTokens: number, outputTokens: number): number {
  if (deployment.inputPrice === null || deployment.outputPrice === null) return Number.POSITIVE_INFINITY;
  return promptTokens * deployment.inputPrice + outputTokens * deployment.outputPrice;
}

/** Orders by this request's estimated cost, cheapest first; unknown prices last; ties keep order. */
export function sortByCost<T extends { deployment: Deployment }>(
  items: T[],
  promptTokens: number,
  outputTokens: number,
): T[] {
  return stableSort(items, (item) => estimatedCost(item.deployment, promptTokens, outputTokens));
}

/** Strongest first; unknown quality counts as middling (50). */
export function sortByQuality<T extends { deployment: Deployment }>(items: T[]): T[] {
  return stableSort(items, (item) => -(item.deployment.quality ?? 50));
}

/** Fastest measured time to first token first; unmeasured deployments keep their order after them. */
export function sortByLatency<T extends { deployment: Deployment }>(
  items: T[],
  health: DeploymentHealth,
): T[] {
  return stableSort(items, (item) => health.ttftMs(item.deployment.id) ?? Number.POSITIVE_INFINITY);
}

/** Highest measured output tokens per second first; unmeasured ones after. */
export function sortByThroughput<T extends { deployment: Deployment }>(
  items: T[],
  health: DeploymentHealth,
): T[] {
  return stableSort(
    items,
    (item) => -(health.tokensPerSecond(item.deployment.id) ?? Number.NEGATIVE_INFINITY),
  );
}

/** Fewest requests in flight first (ties keep the configured order). */
export function sortByLeastBusy<T extends { deployment: Deployment }>(
  items: T[],
  health: DeploymentHealth,
): T[] {
  return stableSort(items, (item) => health.inFlight(item.deployment.id));
}

function stableSort<T>(items: T[], key: (item: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index, key: key(item) }))
    .sort((a, b) =>
      a.key === b.key || (Number.isNaN(a.key) && Number.isNaN(b.key))
        ? a.index - b.index
        : a.key < b.key
          ? -1
          : 1,
    )
    .map((entry) => entry.item);
}
