import { computeCostMicros } from '../catalog/index.js';
import type { Deployment } from '../routing/deployments.js';
import type { RoutePlan } from '../routing/plan.js';

/** Output tokens a target may produce when the request sets no limit: the model's maximum, else a default. */
export type MaxOutputOf = (provider: string, model: string) => number | undefined;

/**
 * The most this request can cost on any target of its plan: prompt tokens × input price plus the
 * output-token ceiling × output price. Reserving this before the call is what keeps concurrent
 * requests from overdrawing a budget. A target of unknown price counts as free (it cannot be billed
 * against a USD budget); the caller is warned about it elsewhere.
 */
export function maxCostMicros(
  plan: RoutePlan,
  promptTokens: number,
  requestedMaxOutput: number | undefined,
  maxOutputOf: MaxOutputOf,
  defaultOutputTokens: number,
): number {
  let highest = 0;
  for (const group of plan.groups) {
    for (const target of group.targets) {
      const output = requestedMaxOutput ?? maxOutputOf(target.provider, target.model) ?? defaultOutputTokens;
      const cost = tokenCostOnDeployment(target.facts, promptTokens, output);
      if (cost !== null && cost > highest) highest = cost;
    }
  }
  return highest;
}

/** Prompt and output tokens priced at a deployment's input and output prices; null when either is unknown. */
export function tokenCostOnDeployment(
  facts: Pick<Deployment, 'inputPrice' | 'outputPrice'>,
  promptTokens: number,
  outputTokens: number,
): number | null {
  if (facts.inputPrice === null || facts.outputPrice === null) return null;
  return computeCostMicros(
    { input: { total: promptTokens }, output: { total: outputTokens } },
    {
      inputMicrosPerMillion: facts.inputPrice,
      outputMicrosPerMillion: facts.outputPrice,
      cachedInputMicrosPerMillion: null,
      cacheWriteMicrosPerMillion: null,
    },
  );
}
