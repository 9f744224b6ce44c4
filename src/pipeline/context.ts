import type { Principal } from '../auth/index.js';
import type { AttemptRecord, CanonRequest, GatewaySummary, ShapeId, Warning } from '../canon/index.js';
import type { IncomingRequestHead, IngressCodec, RouteParams } from '../codecs/codec.js';
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
  /** Set by `settle` once cost is known (JSON answers); streams carry it as their last event. */
  summary?: GatewaySummary;
}
