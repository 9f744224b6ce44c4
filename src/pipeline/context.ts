import type { Principal } from '../auth/index.js';
import type { AttemptRecord, CanonRequest, GatewaySummary, ShapeId, Warning } from '../canon/index.js';
import type { IncomingRequestHead, IngressCodec, RouteParams } from '../codecs/codec.js';
import type { Admission } from '../governance/governor.js';
import type { Cancellation } from '../http/index.js';
import type { RoutePlan, RouteTarget } from '../routing/plan.js';

/** What the pipeline knows about one request; stages fill it in as it moves inward. */
export interface RequestContext {
  readonly id: string;
  /** Date.now() at arrival. */
  readonly receivedAt: number;
  /** performance.now() at arrival, for durations. */
  readonly startedAt: number;
  readonly shape: ShapeId;
  readonly ingress: IngressCodec;
  readonly head: IncomingRequestHead;
  readonly routeParams: RouteParams;
  /** Aborts when the client disconnects: cancels the upstream request. */
  readonly signal: Cancellation;
  /** Reads and parses the body (called by the read-body stage, after authentication). */
  readonly readBody: () => Promise<unknown>;
  rawBody: unknown;
  principal?: Principal;
  request?: CanonRequest;
  plan?: RoutePlan;
  /** The deployment that answered. */
  servedBy?: RouteTarget;
  fallbackUsed: boolean;
  ttftMs?: number;
  attempts: AttemptRecord[];
  warnings: Warning[];
  /** Counters held for this request by the governance stage, until settle releases them. */
  governance?: Admission;
  /** `x-ratelimit-*` headers from the governance stage (also on a 429). */
  limitHeaders?: Record<string, string>;
  /** The model savings are measured against (the key's, team's or the configured default). */
  baselineModel?: string;
  /** Set by `settle` once cost is known (JSON answers); streams carry it as their last event. */
  summary?: GatewaySummary;
}
