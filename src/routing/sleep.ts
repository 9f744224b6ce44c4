import { GatewayError } from '../canon/index.js';
import type { Cancellation } from '../http/index.js';

/** Waits, unless the cancellation fires first (then rejects with its reason as a GatewayError). */
export function sleep(milliseconds: number, signal: Cancellation): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal.once('abort', onAbort);
  });
}

/** Why a cancellation fired, as a GatewayError. */
export function abortReason(signal: { reason: unknown }): GatewayError {
  const reason = signal.reason;
  if (reason instanceof GatewayError) return reason;
  return new GatewayError('client_closed', 'the client closed the request');
}
