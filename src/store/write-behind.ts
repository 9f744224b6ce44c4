/** Options for {@link createWriteBehindQueue}. */
export interface WriteBehindOptions<T> {
  /** Persists one batch; a rejection keeps the batch for a retry. */
  write: (batch: T[]) => Promise<void>;
  /** Largest batch handed to `write`. Default 500. */
  maxBatch?: number;
  /** How often queued items are flushed. Default 200 ms. */
  flushIntervalMs?: number;
  /** Queue depth that forces an immediate flush (nothing is dropped). Default 10 000. */
  maxQueued?: number;
  /** Tries per batch before it is handed to `onError`. Default 5. */
  maxAttempts?: number;
  /** First retry delay, doubled per failure. Default `flushIntervalMs`. */
  retryBaseDelayMs?: number;
  /** Cap on the retry delay. Default 5000 ms. */
  maxRetryDelayMs?: number;
  /** Receives a batch that failed `maxAttempts` times: log it; it is not retried again. */
  onError: (error: unknown, batch: T[]) => void;
  /** Told about each failure that will be retried (for a warning log). */
  onRetry?: (error: unknown, attempt: number, batchSize: number) => void;
  now?: () => number;
}

/** Counters for metrics and tests. */
export interface WriteBehindStats {
  /** Items written successfully. */
  written: number;
  /** Batches given up on and handed to `onError`. */
  failedBatches: number;
  /** Items waiting, including a batch waiting for its retry. */
  queued: number;
}

/** A bounded, batching, retrying writer that keeps persistence off the request path. */
export interface WriteBehindQueue<T> {
  /** Synchronous and never throws; the write happens later. */
  enqueue(item: T): void;
  /** Writes everything queued now (a batch in retry backoff waits for its time). Never rejects. */
  flush(): Promise<void>;
  /** Stops the timer and writes everything, retrying without waiting; for shutdown. Never rejects. */
  drain(): Promise<void>;
  readonly size: number;
  stats(): WriteBehindStats;
}

interface PendingRetry<T> {
  batch: T[];
  attempts: number;
  notBefore: number;
}

type StepResult = 'wrote' | 'idle' | 'waiting';

/**
 * Creates a write-behind queue. Items are written in batches of `maxBatch` on an unref'd interval,
 * as soon as a full batch is queued, or when the queue reaches `maxQueued`. One flush runs at a
 * time and batches keep their order. A failed batch is retried before anything newer, with
 * exponential backoff; after `maxAttempts` it goes to `onError` so a dead database cannot grow
 * memory forever. When the queue is over `maxQueued` (or draining) retries skip the backoff, so
 * overload turns into visible `onError` reports rather than silent drops or unbounded growth.
 */
export function createWriteBehindQueue<T>(options: WriteBehindOptions<T>): WriteBehindQueue<T> {
  const maxBatch = Math.max(1, options.maxBatch ?? 500);
  const flushIntervalMs = options.flushIntervalMs ?? 200;
  const maxQueued = Math.max(1, options.maxQueued ?? 10_000);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const retryBaseDelayMs = options.retryBaseDelayMs ?? flushIntervalMs;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
  const now = options.now ?? Date.now;

  let items: T[] = [];
  let retry: PendingRetry<T> | undefined;
  let inFlight: Promise<void> | undefined;
  let draining = false;
  let written = 0;
  let failedBatches = 0;

  const timer = setInterval(() => {
    if (items.length > 0 || retry !== undefined) void start();
  }, flushIntervalMs);
  timer.unref();

  const queued = (): number => items.length + (retry?.batch.length ?? 0);
  const overloaded = (): boolean => draining || queued() >= maxQueued;

  function takeBatch(force: boolean): { batch: T[]; attempts: number } | StepResult {
    if (retry !== undefined) {
      if (!force && now() < retry.notBefore) return 'waiting';
      const { batch, attempts } = retry;
      retry = undefined;
      return { batch, attempts };
    }
    if (items.length === 0) return 'idle';
    const batch = items.length <= maxBatch ? items : items.slice(0, maxBatch);
    items = items.length <= maxBatch ? [] : items.slice(maxBatch);
    return { batch, attempts: 0 };
  }

  async function step(): Promise<StepResult> {
    const force = overloaded();
    const taken = takeBatch(force);
    if (typeof taken === 'string') return taken;
    const { batch } = taken;
    try {
      await options.write(batch);
      written += batch.length;
      return 'wrote';
    } catch (error) {
      const attempts = taken.attempts + 1;
      if (attempts >= maxAttempts) {
        failedBatches += 1;
        report(() => options.onError(error, batch));
        return 'wrote';
      }
      report(() => options.onRetry?.(error, attempts, batch.length));
      const delay = Math.min(maxRetryDelayMs, retryBaseDelayMs * 2 ** (attempts - 1));
      retry = { batch, attempts, notBefore: now() + delay };
      // Under overload or drain, retry at once; otherwise let the timer come back after the delay.
      return force ? 'wrote' : 'waiting';
    }
  }

  /** Starts the single flush loop, or joins the running one (which loops until nothing is left). */
  function start(): Promise<void> {
    if (inFlight === undefined) {
      inFlight = (async () => {
        try {
          while ((await step()) === 'wrote') {
            // keep writing until the queue is empty or a retry has to wait
          }
        } finally {
          inFlight = undefined;
        }
      })();
    }
    return inFlight;
  }

  return {
    enqueue(item) {
      items.push(item);
      // A full batch or an over-full queue is written now rather than on the next tick.
      if (items.length >= maxBatch || queued() >= maxQueued || draining) void start();
    },
    async flush() {
      // A loop already running may have passed its last check; run once more after it.
      if (inFlight !== undefined) await inFlight;
      await start();
    },
    async drain() {
      draining = true;
      clearInterval(timer);
      if (inFlight !== undefined) await inFlight;
      while (items.length > 0 || retry !== undefined) await start();
    },
    get size() {
      return queued();
    },
    stats() {
      return { written, failedBatches, queued: queued() };
    },
  };
}

/** Calls a reporting hook; a throwing hook must not break the writer or reach the caller. */
function report(call: () => void): void {
  try {
    call();
  } catch {
    // The hook is the error channel itself; there is nowhere left to send this.
  }
}
