import { type AttemptRecord, type CanonEvent, type CanonRequest, GatewayError } from '../canon/index.js';
import type { Cancellation, HttpClient } from '../http/index.js';
import type { ProviderAdapter } from '../providers/provider.js';
import type { DeploymentHealth } from './health.js';
import type { RouteTarget, RouteTimeouts } from './plan.js';
import { type AttemptSuccess, runAttempt } from './run-attempt.js';

/** What the executor needs besides the plan. */
export interface ExecutionDependencies {
  adapters: ReadonlyMap<string, ProviderAdapter>;
  http: HttpClient;
  health: DeploymentHealth;
  maxRetryAfterMs: number;
  /** Told when a breaker opens or an upstream rejects our credentials (worth an operator's attention). */
  alert(message: string, details: Record<string, unknown>): void;
}

/**
 * One attempt at one deployment, with its bookkeeping: the health registry learns the outcome (breaker,
 * cooldowns, moving averages, requests in flight) and `attempts` gets a record. Throws the attempt's
 * GatewayError on failure.
 */
export async function tryTarget(
  request: CanonRequest,
  target: RouteTarget,
  timeouts: RouteTimeouts,
  signal: Cancellation,
  attempts: AttemptRecord[],
  dependencies: ExecutionDependencies,
): Promise<AttemptSuccess> {
  const { health } = dependencies;
  const adapter = dependencies.adapters.get(target.provider);
  if (!adapter) throw new GatewayError('internal', `no adapter for provider '${target.provider}'`);
  if (!health.begin(target.deployment)) {
    throw new GatewayError(
      'upstream_unavailable',
      `${target.deployment}: circuit breaker is probing with another request`,
    );
  }
  const startedAt = Date.now();
  let streaming = false;
  try {
    const success = await runAttempt({ request, target, adapter, http: dependencies.http, timeouts, signal });
    const record: AttemptRecord = {
      provider: target.provider,
      model: target.model,
      deployment: target.deployment,
      startedAt,
      durationMs: Date.now() - startedAt,
      status: success.status,
      outcome: 'success',
    };
    if (success.kind === 'stream') {
      record.ttftMs = Math.round(success.ttftMs);
      health.recordSuccess(target.deployment, { ttftMs: success.ttftMs });
      streaming = true;
      attempts.push(record);
      return { ...success, events: measureStream(success.events, target.deployment, health, record) };
    }
    health.recordSuccess(target.deployment, {
      ttftMs: record.durationMs,
      ...(success.response.usage
        ? { outputTokens: success.response.usage.output.total, generationMs: record.durationMs }
        : {}),
    });
    attempts.push(record);
    return success;
  } catch (thrown) {
    const error =
      thrown instanceof GatewayError
        ? thrown
        : new GatewayError('internal', String(thrown), { cause: thrown });
    attempts.push(failureRecord(target, startedAt, error));
    if (health.recordFailure(target.deployment, error.kind, error.details.retryAfterMs)) {
      dependencies.alert(`circuit breaker opened for ${target.deployment}`, {
        deployment: target.deployment,
        error: error.message,
      });
    }
    if (error.kind === 'upstream_auth') {
      dependencies.alert(`upstream rejected the gateway's credentials for ${target.provider}`, {
        deployment: target.deployment,
        error: error.message,
      });
    }
    throw error;
  } finally {
    if (!streaming) health.end(target.deployment);
  }
}

/** Feeds throughput (output tokens over generation time) to the health registry and releases the in-flight slot. */
async function* measureStream(
  events: AsyncIterable<CanonEvent>,
  deployment: string,
  health: DeploymentHealth,
  record: AttemptRecord,
): AsyncGenerator<CanonEvent> {
  const committedAt = Date.now();
  try {
    for await (const event of events) {
      if (event.type === 'usage') {
        health.recordSuccess(deployment, {
          outputTokens: event.usage.output.total,
          generationMs: Date.now() - committedAt,
        });
      } else if (event.type === 'error' && event.error.kind !== 'client_closed') {
        record.outcome = 'failure';
        record.errorKind = event.error.kind;
        record.errorMessage = event.error.message;
        health.recordFailure(deployment, event.error.kind, event.error.details.retryAfterMs);
      }
      yield event;
    }
  } finally {
    record.durationMs = Date.now() - record.startedAt;
    health.end(deployment);
  }
}

/** The attempt record of a failure. */
export function failureRecord(target: RouteTarget, startedAt: number, error: GatewayError): AttemptRecord {
  const record: AttemptRecord = {
    provider: target.provider,
    model: target.model,
    deployment: target.deployment,
    startedAt,
    durationMs: Date.now() - startedAt,
    errorKind: error.kind,
    errorMessage: error.message,
    outcome: error.kind === 'client_closed' ? 'aborted' : 'failure',
  };
  if (error.details.upstreamStatus !== undefined) record.status = error.details.upstreamStatus;
  return record;
}
