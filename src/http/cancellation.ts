import { EventEmitter } from 'node:events';

/**
 * An abort switch for the request path. It is an EventEmitter rather than an AbortController because
 * Node's EventTarget is several times slower to create and to listen on, and a request creates a few
 * of these; undici accepts any emitter with `aborted`, `reason` and an 'abort' event as its `signal`.
 */
export class Cancellation extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  constructor() {
    super();
    this.setMaxListeners(100);
  }

  /** Aborts once; later calls are ignored so the first reason wins. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }

  /** Aborts this one when `parent` aborts; returns the function that stops following. */
  follow(parent: Cancellation): () => void {
    if (parent.aborted) {
      this.abort(parent.reason);
      return noop;
    }
    const onAbort = () => this.abort(parent.reason);
    parent.once('abort', onAbort);
    return () => parent.removeListener('abort', onAbort);
  }
}

function noop(): void {}

/** What transport code accepts as a signal: a standard AbortSignal or a Cancellation. */
export type CancelSignal = AbortSignal | Cancellation;

/** Subscribes to either kind of signal; returns the unsubscribe function. */
export function onCancel(signal: CancelSignal, listener: () => void): () => void {
  if (signal instanceof Cancellation) {
    signal.once('abort', listener);
    return () => signal.removeListener('abort', listener);
  }
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}
