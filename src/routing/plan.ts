import type { Deployment } from './deployments.js';
import type { RouteTrace } from './route-trace.js';

/** One deployment to try. */
export interface RouteTarget {
  /** Provider name in configuration. */
  provider: string;
  /** The model name the upstream knows. */
  model: string;
  weight: number;
  /** `provider/model`: the key for health tracking, headers and logs. */
  deployment: string;
  /** What routing knows about the deployment (capabilities, context, prices, continuation). */
  facts: Deployment;
}

/** Retry policy of one group: tries per target and the base backoff between them. */
export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/** Targets that serve one alias or routing choice, in the order they will be tried. */
export interface RouteGroup {
  name: string;
  targets: RouteTarget[];
  retry: RetryPolicy;
}

/** Time limits of one request. */
export interface RouteTimeouts {
  /** Until the upstream starts answering: first content of a stream, or the response of a JSON call. */
  ttftMs: number;
  /** Longest silence between two stream chunks after the answer started. */
  idleMs: number;
  /** The whole request, across every attempt. */
  totalMs: number;
}

/** The router's answer: what to try, in order, and why. */
export interface RoutePlan {
  requested: string;
  /** Primary group first, then fallback groups. */
  groups: RouteGroup[];
  timeouts: RouteTimeouts;
  /** Human-readable: why these candidates. */
  reason: string;
  /** `provider/model` of every target in order, computed once (headers, summary, logs). */
  candidates: string[];
  /** Start the next candidate when the first has not started answering after this long. */
  hedgeAfterMs?: number;
  /** Continue a stream cut after its first token on a candidate that supports continuation. */
  rescue: boolean;
  /** The decision trace for the request log. */
  trace: RouteTrace;
}

/** `provider/model` names of every target, in order (for the Candidates header). */
export function listCandidates(groups: RouteGroup[]): string[] {
  return groups.flatMap((group) => group.targets.map((target) => target.deployment));
}
