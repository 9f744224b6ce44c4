import { type AttemptRecord, GatewayError } from '../canon/index.js';
import type { ResolvedProvider } from '../config/index.js';
import type { Cancellation, HttpClient } from '../http/index.js';
import { AttemptController } from '../routing/attempt-controller.js';
import { decide } from '../routing/decide.js';
import type { DeploymentHealth } from '../routing/health.js';
import type { RoutePlan, RouteTarget } from '../routing/plan.js';
import { abortReason, sleep } from '../routing/sleep.js';
import { failureRecord } from '../routing/try-target.js';
import type { EndpointDefinition, EndpointEgress } from './types.js';

/** What the endpoint executor needs besides the plan. */
export interface EndpointExecution {
  providers: ReadonlyMap<string, ResolvedProvider>;
  http: HttpClient;
  health: DeploymentHealth;
  maxRetryAfterMs: number;
}

/** The answer and the deployment that gave it. */
export interface EndpointSuccess<Output> {
  output: Output;
  target: RouteTarget;
  fallbackUsed: boolean;
}

/**
 * Tries the plan's deployments in order with the chat path's decision table (docs/decisions/0003):
 * retries with backoff on 5xx, moves on after 429 and timeouts, gives up on the caller's own errors.
 * Deployments whose provider cannot serve the endpoint were removed by `servablePlan`.
 */
export async function executeEndpoint<Input, Output>(
  definition: EndpointDefinition<Input, Output>,
  input: Input,
  plan: RoutePlan,
  signal: Cancellation,
  attempts: AttemptRecord[],
  execution: EndpointExecution,
): Promise<EndpointSuccess<Output>> {
  const candidates = plan.groups.flatMap((group) =>
    group.targets.map((target) => ({ target, retry: group.retry })),
  );
  const deadline = Date.now() + plan.timeouts.totalMs;
  let lastError: GatewayError | undefined;
  for (let index = 0; index < candidates.length; index++) {
    const { target, retry } = candidates[index] as (typeof candidates)[number];
    if (index > 0 && execution.health.unavailable(target.deployment)) continue;
    for (let tryOnTarget = 1; ; tryOnTarget++) {
      if (signal.aborted) throw abortReason(signal);
      try {
        const output = await attempt(definition, input, target, plan, signal, attempts, execution);
        return { output, target, fallbackUsed: index > 0 };
      } catch (thrown) {
        const error = thrown instanceof GatewayError ? thrown : new GatewayError('internal', String(thrown));
        if (error.kind === 'client_closed') throw error;
        lastError = error;
        const decision = decide(error, {
          tryOnTarget,
          policy: retry,
          remainingMs: deadline - Date.now(),
          otherTargetsLeft: index < candidates.length - 1,
          maxRetryAfterMs: execution.maxRetryAfterMs,
        });
        if (decision.action === 'give-up') throw withAttempts(error, attempts);
        if (decision.action === 'retry-same-target') {
          await sleep(decision.waitMs, signal);
          continue;
        }
        break;
      }
    }
  }
  if (!lastError)
    throw new GatewayError('all_targets_failed', `no configured deployment could serve '${plan.requested}'`);
  throw withAttempts(lastError, attempts);
}

/** One call to one deployment, bounded by the first-answer timeout, with health bookkeeping. */
async function attempt<Input, Output>(
  definition: EndpointDefinition<Input, Output>,
  input: Input,
  target: RouteTarget,
  plan: RoutePlan,
  signal: Cancellation,
  attempts: AttemptRecord[],
  execution: EndpointExecution,
): Promise<Output> {
  const provider = execution.providers.get(target.provider);
  const egress = provider ? egressFor(definition, provider) : undefined;
  if (!provider || !egress)
    throw new GatewayError('internal', `${target.provider} cannot serve ${definition.endpoint}`);
  const { health } = execution;
  if (!health.begin(target.deployment))
    throw new GatewayError(
      'upstream_unavailable',
      `${target.deployment}: circuit breaker is probing with another request`,
    );
  const startedAt = Date.now();
  const controller = new AttemptController(signal);
  const timeoutMs = plan.timeouts.ttftMs;
  controller.arm(
    timeoutMs,
    () => new GatewayError('upstream_timeout', `${target.deployment} did not answer within ${timeoutMs} ms`),
  );
  const egressTarget = { provider, model: target.model };
  try {
    const response = await execution.http.send(egress.buildRequest(input, egressTarget), {
      signal: controller.signal,
      timeouts: { headersMs: timeoutMs + 1000, bodyMs: plan.timeouts.idleMs + 1000 },
    });
    if (response.status >= 400) {
      const text = await response.text();
      throw egress.decodeError(response.status, text, response.headers, {
        id: target.provider,
        model: target.model,
      });
    }
    const output = await egress.readResponse(response, input, egressTarget);
    const durationMs = Date.now() - startedAt;
    health.recordSuccess(target.deployment, { ttftMs: durationMs });
    attempts.push({
      provider: target.provider,
      model: target.model,
      deployment: target.deployment,
      startedAt,
      durationMs,
      status: response.status,
      outcome: 'success',
    });
    return output;
  } catch (thrown) {
    const raw = controller.signal.aborted ? abortReason(controller.signal) : thrown;
    const error =
      raw instanceof GatewayError ? raw : new GatewayError('internal', String(raw), { cause: raw });
    attempts.push(failureRecord(target, startedAt, error));
    health.recordFailure(target.deployment, error.kind, error.details.retryAfterMs);
    throw error;
  } finally {
    controller.dispose();
    health.end(target.deployment);
  }
}

/** The egress of the provider's protocol for this endpoint, if it has one. */
export function egressFor<Input, Output>(
  definition: EndpointDefinition<Input, Output>,
  provider: ResolvedProvider,
): EndpointEgress<Input, Output> | undefined {
  return definition.egress[provider.preset.protocol];
}

function withAttempts(error: GatewayError, attempts: AttemptRecord[]): GatewayError {
  if (attempts.length <= 1)
    return new GatewayError(error.kind, error.message, { ...error.details, attempts });
  const summary = attempts.map((record) => `${record.deployment}: ${record.errorKind ?? 'ok'}`).join('; ');
  return new GatewayError(
    error.kind,
    `All ${attempts.length} attempts failed (${summary}). Last error: ${error.message}`,
    {
      ...error.details,
      attempts,
    },
  );
}
