import { GatewayError } from '../canon/index.js';
import { Cancellation } from '../http/index.js';

/**
 * One attempt's abort switch: follows the request's cancellation (client gone, deadline passed) and
 * owns the attempt's own timer. Aborting it closes the upstream socket.
 */
export class AttemptController {
  readonly signal = new Cancellation();
  private timer: NodeJS.Timeout | undefined;
  private readonly unfollow: () => void;

  constructor(parent: Cancellation) {
    this.unfollow = this.signal.follow(parent);
  }

  /** Aborts with `error()` after `milliseconds` unless cleared first. */
  arm(milliseconds: number, error: () => GatewayError): void {
    this.clearTimer();
    this.timer = setTimeout(() => this.signal.abort(error()), milliseconds);
  }

  clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  abort(reason: GatewayError): void {
    this.signal.abort(reason);
  }

  /** Stops following the parent and clears the timer; call once the attempt is over. */
  dispose(): void {
    this.clearTimer();
    this.unfollow();
  }
}

/** The deadline for the whole request: aborts with upstream_timeout when time is up. */
export function createDeadline(
  client: Cancellation,
  totalMs: number,
): { signal: Cancellation; dispose(): void } {
  const signal = new Cancellation();
  const unfollow = signal.follow(client);
  const timer = setTimeout(
    () =>
      signal.abort(
        new GatewayError('upstream_timeout', `the request exceeded its deadline of ${totalMs} ms`),
      ),
    totalMs,
  );
  return {
    signal,
    dispose() {
      clearTimeout(timer);
      unfollow();
    },
  };
}
