import type { CanonUsage, GatewaySummary } from '../../canon/index.js';
import { computeCostMicros, formatUsd, type ModelPrice } from '../../catalog/index.js';
import type { RequestContext } from '../context.js';

/** Finds the price of the deployment that answered. */
export interface Pricing {
  priceOf(provider: string, model: string): ModelPrice | undefined;
  baseline(name: string | undefined): { model: string; price: ModelPrice } | undefined;
}

/** The gateway's account of a settled request, and its cost in micro-dollars (null = unknown price). */
export function buildSummary(
  context: RequestContext,
  pricing: Pricing,
  usage: CanonUsage | undefined,
): { summary: GatewaySummary; costMicros: number | null; baselineCostMicros: number | null } {
  const served = context.servedBy;
  const price = served ? pricing.priceOf(served.provider, served.model) : undefined;
  const costMicros = usage && price ? computeCostMicros(usage, price) : null;
  const summary: GatewaySummary = {
    requestId: context.id,
    candidates: context.plan?.candidates ?? [],
    attempts: context.attempts.length,
    fallbackUsed: context.fallbackUsed,
    costUsd: costMicros === null ? null : formatUsd(costMicros),
  };
  if (served) {
    summary.model = `${served.provider}/${served.model}`;
    summary.provider = served.provider;
  }
  if (context.plan) summary.routeReason = context.plan.reason;
  if (context.warnings.length > 0) summary.warnings = [...context.warnings];
  if (usage) {
    summary.usage = { inputTokens: usage.input.total, outputTokens: usage.output.total };
    if (usage.input.cacheRead !== undefined) summary.usage.cachedTokens = usage.input.cacheRead;
    if (usage.output.reasoning !== undefined) summary.usage.reasoningTokens = usage.output.reasoning;
  }
  const baseline = pricing.baseline(context.baselineModel);
  const baselineCostMicros = usage && baseline ? computeCostMicros(usage, baseline.price) : null;
  if (baseline && costMicros !== null && baselineCostMicros !== null) {
    summary.billing = describeSavings(costMicros, baseline.model, baselineCostMicros);
  }
  return { summary, costMicros, baselineCostMicros };
}

/** Cost against the baseline: the saving in USD and percent (negative when the baseline is cheaper). */
export function describeSavings(
  costMicros: number,
  baselineModel: string,
  baselineCostMicros: number,
): NonNullable<GatewaySummary['billing']> {
  const savings = baselineCostMicros - costMicros;
  return {
    costUsd: formatUsd(costMicros),
    baselineModel,
    baselineCostUsd: formatUsd(baselineCostMicros),
    savingsUsd: formatUsd(savings),
    savingsPercent: baselineCostMicros === 0 ? '0.00' : ((savings * 100) / baselineCostMicros).toFixed(2),
  };
}
