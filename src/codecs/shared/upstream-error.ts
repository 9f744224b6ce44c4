import { type ErrorKind, GatewayError, type ProviderIdentity } from '../../canon/index.js';

/** Reads `retry-after-ms` or `retry-after` (seconds or an HTTP date) into milliseconds. */
export function readRetryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
  const milliseconds = headers['retry-after-ms'];
  if (milliseconds !== undefined && /^\d+(\.\d+)?$/.test(milliseconds))
    return Math.ceil(Number(milliseconds));
  const value = headers['retry-after'];
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Removes anything that looks like a credential before an upstream message reaches a caller or a log. */
export function scrubSecrets(text: string): string {
  return text.replace(/\b(sk|sy|gsk|xai|pplx|AIza)[-_A-Za-z0-9]{12,}/g, '[redacted]');
}

const contextPattern =
  /context[ _-]?length|maximum context|context window|too many tokens|prompt is too long/i;
const policyPattern = /content[ _-]?(policy|filter|management)|safety system|flagged/i;

/** Classifies an upstream HTTP error by status and the provider's own code/message words. */
export function classifyUpstreamStatus(status: number, code: string | undefined, message: string): ErrorKind {
  if (status === 429) return code === 'insufficient_quota' ? 'upstream_auth' : 'upstream_rate_limited';
  if (status === 401 || status === 403) return 'upstream_auth';
  if (status === 408 || status === 504) return 'upstream_timeout';
  if (status === 503 || status === 529) return 'upstream_overloaded';
  if (status === 400 || status === 413 || status === 422) {
    if (code === 'context_length_exceeded' || contextPattern.test(message)) return 'context_length_exceeded';
    if (code === 'content_policy_violation' || code === 'content_filter' || policyPattern.test(message)) {
      return 'content_filtered';
    }
    return 'upstream_bad_request';
  }
  // 404 from an upstream means a deployment is misconfigured (wrong model or path): try elsewhere.
  return 'upstream_unavailable';
}

/** Builds the GatewayError for an upstream failure; the message names the provider, never credentials. */
export function buildUpstreamError(input: {
  provider: ProviderIdentity;
  status: number;
  code: string | undefined;
  message: string;
  headers?: Record<string, string>;
  body?: string;
}): GatewayError {
  const kind = classifyUpstreamStatus(input.status, input.code, input.message);
  const retryAfterMs = input.headers ? readRetryAfterMs(input.headers) : undefined;
  const text = scrubSecrets(input.message).slice(0, 500);
  return new GatewayError(
    kind,
    `${input.provider.id} (${input.provider.model}) returned ${input.status}: ${text}`,
    {
      provider: input.provider.id,
      upstreamModel: input.provider.model,
      upstreamStatus: input.status,
      ...(input.code === undefined ? {} : { code: input.code }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(input.body === undefined ? {} : { upstreamBody: scrubSecrets(input.body).slice(0, 2000) }),
    },
  );
}
