import type { RequestLogRow } from '../store/index.js';
import type { RequestContext } from './context.js';
import type { SettledResult } from './stages/settle.js';

/** One request log row from a settled request. */
export function buildLogRow(context: RequestContext, result: SettledResult): RequestLogRow {
  const served = context.servedBy;
  const usage = result.usage;
  return {
    id: context.id,
    createdAt: context.receivedAt,
    keyId: context.principal?.keyId ?? null,
    shape: context.shape,
    requestedModel: context.request?.model ?? null,
    provider: served?.provider ?? null,
    servedModel: served?.model ?? null,
    status: result.status,
    outcome: result.outcome,
    errorKind: result.error?.kind ?? null,
    errorMessage: result.error ? result.error.message.slice(0, 1000) : null,
    stream: context.request?.stream ?? false,
    latencyMs: Math.round(performance.now() - context.startedAt),
    ttftMs: context.ttftMs === undefined ? null : Math.round(context.ttftMs),
    inputTokens: usage ? usage.input.total : null,
    outputTokens: usage ? usage.output.total : null,
    cachedTokens: usage?.input.cacheRead ?? null,
    reasoningTokens: usage?.output.reasoning ?? null,
    costMicros: result.costMicros,
    attempts: context.attempts.length,
    fallbackUsed: context.fallbackUsed,
    routeReason: context.plan?.reason ?? null,
    attemptsJson: context.attempts.length > 0 ? JSON.stringify(context.attempts) : null,
    endUser: context.request?.endUser ?? null,
    metadata: context.request?.metadata ?? null,
    usageEstimated: result.usageEstimated,
    routeTrace: context.plan ? JSON.stringify(context.plan.trace) : null,
    teamId: context.principal?.teamId ?? null,
    feature: context.request?.metadata?.feature ?? null,
    baselineCostMicros: result.baselineCostMicros ?? null,
  };
}
