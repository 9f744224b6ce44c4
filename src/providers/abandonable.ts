import { type CancelSignal, onCancel } from '../http/index.js';

/** Waits for `promise` unless `signal` aborts first (the shared exchange itself goes on for others). */
export function abandonable<Value>(promise: Promise<Value>, signal: CancelSignal): Promise<Value> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<Value>((resolve, reject) => {
    const stop = onCancel(signal, () => reject(signal.reason));
    promise.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}
