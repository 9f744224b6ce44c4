import { GatewayError } from '../canon/index.js';
import type { DeploymentHealth } from './health.js';
import type { ModelForm } from './model-forms.js';
import type { CandidateTrace } from './route-trace.js';

/**
 * The clear error for a request the router could place nowhere: unknown model (404), nothing the key
 * may use (403), nothing healthy right now (503 with Retry-After), or nothing capable (400) — naming
 * what was tried and why each was skipped.
 */
export function explainEmptyPlan(
  model: string,
  form: ModelForm,
  trace: CandidateTrace[],
  health: DeploymentHealth,
): GatewayError {
  if (form.kind === 'unknown' || trace.length === 0) {
    return new GatewayError(
      'model_not_found',
      `The model '${model}' does not exist or is not configured on this gateway. Use GET /v1/models to list the models your key may use.`,
      { param: 'model' },
    );
  }
  const tried = trace
    .slice(0, 8)
    .map((entry) => `${entry.deployment} (${entry.reason ?? 'skipped'})`)
    .join('; ');
  const reasons = trace.map((entry) => entry.reason ?? '');
  if (reasons.every((reason) => reason.startsWith('not allowed'))) {
    return new GatewayError('model_not_allowed', `This key may not use '${model}' (tried: ${tried}).`, {
      param: 'model',
    });
  }
  if (reasons.every((reason) => /circuit breaker|rate limited|credentials|not allowed/.test(reason))) {
    return new GatewayError(
      'upstream_unavailable',
      `Every deployment for '${model}' is cooling down right now (tried: ${tried}).`,
      { status: 503, retryAfterMs: soonestAvailableMs(trace, health) },
    );
  }
  return new GatewayError(
    'invalid_request',
    `No deployment for '${model}' can serve this request (tried: ${tried}).`,
    {
      param: 'model',
      code: 'no_capable_model',
    },
  );
}

/** Used when no skipped deployment says when it rests until (keys that may not use any, for one). */
const defaultRetryAfterMs = 5000;

/**
 * Retry-After for "everything is resting": when the first resting deployment may be tried again
 * (a 429's own Retry-After, a credentials cooldown, an open breaker), in whole seconds and at least
 * one. A fixed guess would send callers back during a long cooldown, or keep them waiting after a
 * short one.
 */
function soonestAvailableMs(trace: CandidateTrace[], health: DeploymentHealth): number {
  const resting = trace
    .map((entry) => health.restingMs(entry.deployment))
    .filter((milliseconds): milliseconds is number => milliseconds !== undefined);
  if (resting.length === 0) return defaultRetryAfterMs;
  return Math.max(1000, Math.ceil(Math.min(...resting) / 1000) * 1000);
}
