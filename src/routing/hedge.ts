import { GatewayError } from '../canon/index.js';
import { Cancellation } from '../http/index.js';
import type { RouteTarget } from './plan.js';
import type { AttemptSuccess } from './run-attempt.js';

/** How a hedged pair ended: a winner, or the failures (with how many targets were actually tried). */
export type HedgeOutcome =
  | { kind: 'won'; success: AttemptSuccess; winner: 0 | 1 }
  | { kind: 'failed'; errors: GatewayError[]; tried: 1 | 2 };

/**
 * Latency hedging: start `first`; if it has not started answering after `afterMs`, start `second` too.
 * The first to answer wins and the other is cancelled (its upstream socket closed, its usage never
 * counted). If the first fails before the hedge starts, the caller continues with the normal order.
 */
export function runHedged(
  targets: [RouteTarget, RouteTarget],
  afterMs: number,
  parent: Cancellation,
  run: (target: RouteTarget, signal: Cancellation) => Promise<AttemptSuccess>,
): Promise<HedgeOutcome> {
  return new Promise((resolve) => {
    const signals = [new Cancellation(), new Cancellation()] as const;
    const unfollow = signals.map((signal) => signal.follow(parent));
    const errors: GatewayError[] = [];
    let started = 1;
    let settled = 0;
    let done = false;
    const finish = (outcome: HedgeOutcome) => {
      done = true;
      clearTimeout(timer);
      for (const stop of unfollow) stop();
      resolve(outcome);
    };
    const launch = (position: 0 | 1) => {
      run(targets[position], signals[position]).then(
        (success) => {
          settled++;
          if (done) {
            release(success);
            return;
          }
          signals[position === 0 ? 1 : 0].abort(new GatewayError('client_closed', 'lost the hedge race'));
          finish({ kind: 'won', success, winner: position });
        },
        (error: unknown) => {
          settled++;
          if (done) return;
          errors.push(error instanceof GatewayError ? error : new GatewayError('internal', String(error)));
          // The first failed before the hedge fired: no race; the caller moves on in order.
          if (started === 1) finish({ kind: 'failed', errors, tried: 1 });
          else if (settled === 2) finish({ kind: 'failed', errors, tried: 2 });
        },
      );
    };
    const timer = setTimeout(() => {
      if (done) return;
      started = 2;
      launch(1);
    }, afterMs);
    launch(0);
  });
}

/** A stream that answered after the race was decided is closed at once. */
function release(success: AttemptSuccess): void {
  if (success.kind === 'stream') {
    const iterator = success.events[Symbol.asyncIterator]();
    void iterator.return?.();
  }
}
