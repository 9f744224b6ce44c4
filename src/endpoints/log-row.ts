import type { AttemptRecord, GatewayError } from '../canon/index.js';
import type { RoutePlan, RouteTarget } from '../routing/plan.js';
import type { RequestLogRow } from '../store/index.js';
import type { EndpointUsage } from './types.js';

/** Everything known about one settled non-chat request. */
export interface EndpointRecord {
  id: string;
  receivedAt: number;
  startedAt: number;
  keyId: string | null;
  teamId: string | null;
  /** The log's shape column: `openai-embeddings`, `gemini-embed`, ... */
  shape: string;
  requestedModel: string | null;
  plan?: RoutePlan;
  servedBy?: RouteTarget;
  fallbackUsed: boolean;
  attempts: AttemptRecord[];
  endUser?: string;
  usage?: EndpointUsage;
  usageEstimated: boolean;
  costMicros: number | null;
  error?: GatewayError;
}

/**
 * One request log row. Token counts go to their columns; units billed otherwise (images, characters,
 * seconds of audio, search units) go to `metadata` as `units.<name>`, since the row has no column for them.
 */
export function buildEndpointLogRow(record: EndpointRecord): RequestLogRow {
  const { usage, error } = record;
  const units: Record<string, string> = {};
  for (const name of ['images', 'characters', 'seconds', 'searchUnits'] as const) {
    const value = usage?.[name];
    if (value !== undefined) units[`units.${name}`] = String(value);
  }
  return {
    id: record.id,
    createdAt: record.receivedAt,
    keyId: record.keyId,
    shape: record.shape,
    requestedModel: record.requestedModel,
    provider: record.servedBy?.provider ?? null,
    servedModel: record.servedBy?.model ?? null,
    status: error ? error.status : 200,
    outcome: error ? (error.kind === 'client_closed' ? 'aborted' : 'error') : 'success',
    errorKind: error?.kind ?? null,
    errorMessage: error ? error.message.slice(0, 1000) : null,
    stream: false,
    latencyMs: Math.round(performance.now() - record.startedAt),
    ttftMs: null,
    inputTokens: usage?.inputTokens ?? null,
    outputTokens: usage?.outputTokens ?? null,
    cachedTokens: null,
    reasoningTokens: null,
    costMicros: record.costMicros,
    attempts: record.attempts.length,
    fallbackUsed: record.fallbackUsed,
    routeReason: record.plan?.reason ?? null,
    attemptsJson: record.attempts.length > 0 ? JSON.stringify(record.attempts) : null,
    endUser: record.endUser ?? null,
    metadata: Object.keys(units).length > 0 ? units : null,
    usageEstimated: record.usageEstimated,
    routeTrace: record.plan ? JSON.stringify(record.plan.trace) : null,
    teamId: record.teamId,
    feature: null,
    baselineCostMicros: null,
  };
}
