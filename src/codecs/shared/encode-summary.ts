import type { GatewaySummary } from '../../canon/index.js';

/** The gateway summary in snake_case, as it appears in JSON bodies and final stream events. */
export function encodeSummaryObject(summary: GatewaySummary): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    request_id: summary.requestId,
    model: summary.model ?? null,
    provider: summary.provider ?? null,
    route_reason: summary.routeReason ?? null,
    candidates: summary.candidates,
    attempts: summary.attempts,
    fallback_used: summary.fallbackUsed,
    cost_usd: summary.costUsd,
  };
  if (summary.usage) {
    wire.usage = {
      input_tokens: summary.usage.inputTokens,
      output_tokens: summary.usage.outputTokens,
      cached_tokens: summary.usage.cachedTokens ?? 0,
      reasoning_tokens: summary.usage.reasoningTokens ?? 0,
    };
  }
  if (summary.billing) {
    wire.billing = {
      cost_usd: summary.billing.costUsd,
      baseline_model: summary.billing.baselineModel,
      baseline_cost_usd: summary.billing.baselineCostUsd,
      savings_usd: summary.billing.savingsUsd,
      savings_percent: summary.billing.savingsPercent,
    };
  }
  if (summary.warnings && summary.warnings.length > 0) {
    wire.warnings = summary.warnings.map((warning) => ({
      code: warning.code,
      ...(warning.field === undefined ? {} : { field: warning.field }),
      message: warning.message,
    }));
  }
  return wire;
}
