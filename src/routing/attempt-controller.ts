import { GatewayError } from '../canon/index.js';

/**
 * One attempt's abort switch: follows the caller's signal (client gone, request deadline) and
 * owns the attempt's own timers. Aborting it closes the upstream socket.
 */
export class AttemptController {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private readonly onParentAbort: () => void;

  constructor(private readonly parent: AbortSignal) {
    this.onParentAbort = () => this.controller.abort(parent.reason);
    if (parent.aborted) this.controller.abort(parent.reason);
    else parent.addEventListener('abort', this.onParentAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Aborts with `error` after `milliseconds` unless re-armed or cleared first. */
  arm(milliseconds: number, error: () => GatewayError): void {
    this.clearTimer();
    this.timer = setTimeout(() => this.controller.abort(error()), milliseconds);
  }

  clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  abort(reason: GatewayError): void {
    this.controller.abort(reason);
  }

  /** Stops following the parent and clears timers; call once the attempt is over. */
  dispose(): void {
    this.clearTimer();
    this.parent.removeEventListener('abort', this.onParentAbort);
  }
}

/** The deadline for the whole request: a signal that aborts with upstream_timeout when time is up. */
export function createDeadline(clientSignal: AbortSignal, totalMs: number): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onClientAbort = () => controller.abort(clientSignal.reason);
  if (clientSignal.aborted) controller.abort(clientSignal.reason);
  else clientSignal.addEventListener('abort', onClientAbort, { once: true });
  const timer = setTimeout(
    () => controller.abort(new GatewayError('upstream_timeout', `the request exceeded its deadline of ${totalMs} ms`)),
    totalMs,
  );
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      clientSignal.removeEventListener('abort', onClientAbort);
    },
  };
}
