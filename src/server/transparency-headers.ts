import type { Warning } from '../canon/index.js';
import type { RequestContext } from '../pipeline/context.js';

/** Header values must be visible ASCII: anything else (arrows, accents) is replaced. */
export function toHeaderValue(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 1024);
}

/** The `X-Switchyard-*` headers that say which model answered, why, after how many attempts. */
export function buildTransparencyHeaders(context: RequestContext): Record<string, string> {
  const headers: Record<string, string> = {
    'x-switchyard-request-id': context.id,
    'x-request-id': context.id,
    'x-switchyard-attempts': String(context.attempts.length),
    'x-switchyard-fallback-used': context.fallbackUsed ? 'true' : 'false',
  };
  const served = context.servedBy;
  if (served) {
    headers['x-switchyard-model'] = toHeaderValue(`${served.provider}/${served.model}`);
    headers['x-switchyard-provider'] = toHeaderValue(served.provider);
  }
  if (context.plan) {
    headers['x-switchyard-route-reason'] = toHeaderValue(context.plan.reason);
    headers['x-switchyard-candidates'] = toHeaderValue(context.plan.candidates.join(', '));
  }
  if (context.summary) {
    headers['x-switchyard-cost-usd'] = context.summary.costUsd ?? 'unknown';
    const billing = context.summary.billing;
    if (billing) {
      headers['x-switchyard-baseline-model'] = toHeaderValue(billing.baselineModel);
      headers['x-switchyard-baseline-cost-usd'] = billing.baselineCostUsd;
      headers['x-switchyard-savings-usd'] = billing.savingsUsd;
      headers['x-switchyard-savings-percent'] = billing.savingsPercent;
    }
  }
  if (context.limitHeaders) Object.assign(headers, context.limitHeaders);
  if (context.warnings.length > 0)
    headers['x-switchyard-warnings'] = toHeaderValue(formatWarnings(context.warnings));
  return headers;
}

function formatWarnings(warnings: Warning[]): string {
  return warnings.map((warning) => warning.message).join(' | ');
}
