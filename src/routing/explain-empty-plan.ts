import { GatewayError } from '../canon/index.js';
import type { ModelForm } from './model-forms.js';
import type { CandidateTrace } from './route-trace.js';

/**
 * The clear error for a request the router could place nowhere: unknown model (404), nothing the key
 * may use (403), nothing healthy right now (503 with Retry-After), or nothing capable (400) — naming
 * what was tried and why each was skipped.
 */
export function explainEmptyPlan(model: string, form: ModelForm, trace: CandidateTrace[]): GatewayError {
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
      {
        status: 503,
        retryAfterMs: 5000,
      },
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
