import { describe, expect, it, vi } from 'vitest';
import { createWriteBehindQueue } from './write-behind.js';

const longInterval = 60_000;

function recorder() {
  const batches: number[][] = [];
  return { batches, write: async (batch: number[]) => void batches.push([...batch]) };
}

function range(count: number, start = 0): number[] {
  return Array.from({ length: count }, (_, index) => start + index);
}

describe('write-behind queue', () => {
  it('writes in batches of at most maxBatch, in order', async () => {
    const { batches, write } = recorder();
    const queue = createWriteBehindQueue({
      write,
      maxBatch: 500,
      flushIntervalMs: longInterval,
      onError() {},
    });
    for (const item of range(1200)) queue.enqueue(item);
    await queue.flush();
    expect(batches.map((batch) => batch.length)).toEqual([500, 500, 200]);
    expect(batches.flat()).toEqual(range(1200));
    expect(queue.stats()).toEqual({ written: 1200, failedBatches: 0, queued: 0 });
    await queue.drain();
  });

  it('flushes on its interval without being asked', async () => {
    const { batches, write } = recorder();
    const queue = createWriteBehindQueue({ write, flushIntervalMs: 20, onError() {} });
    queue.enqueue(1);
    queue.enqueue(2);
    expect(batches).toEqual([]);
    await vi.waitFor(() => expect(batches).toEqual([[1, 2]]), { timeout: 1000, interval: 5 });
    await queue.drain();
  });

  it('drain writes everything, stops the timer, and still writes later items', async () => {
    const { batches, write } = recorder();
    const queue = createWriteBehindQueue({ write, maxBatch: 3, flushIntervalMs: longInterval, onError() {} });
    for (const item of range(7)) queue.enqueue(item);
    await queue.drain();
    expect(batches.flat()).toEqual(range(7));
    expect(queue.size).toBe(0);
    queue.enqueue(99);
    await vi.waitFor(() => expect(batches.flat()).toContain(99), { timeout: 1000, interval: 5 });
  });

  it('on overflow flushes immediately instead of dropping', async () => {
    const { batches, write } = recorder();
    const queue = createWriteBehindQueue({
      write,
      maxBatch: 1000,
      maxQueued: 10,
      flushIntervalMs: longInterval,
      onError() {},
    });
    for (const item of range(9)) queue.enqueue(item);
    await Promise.resolve();
    expect(batches).toEqual([]);
    queue.enqueue(9);
    await vi.waitFor(() => expect(batches).toEqual([range(10)]), { timeout: 1000, interval: 5 });
    await queue.drain();
  });

  it('keeps everything when the writer is slower than the producer', async () => {
    const written: number[] = [];
    const queue = createWriteBehindQueue<number>({
      write: async (batch) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        written.push(...batch);
      },
      maxBatch: 4,
      maxQueued: 8,
      flushIntervalMs: longInterval,
      onError() {},
    });
    for (const item of range(100)) queue.enqueue(item);
    expect(queue.size).toBeGreaterThan(8);
    await queue.drain();
    expect(written).toEqual(range(100));
  });

  it('runs only one write at a time', async () => {
    let active = 0;
    let peak = 0;
    const queue = createWriteBehindQueue<number>({
      write: async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        active -= 1;
      },
      maxBatch: 2,
      flushIntervalMs: 1,
      onError() {},
    });
    for (const item of range(20)) queue.enqueue(item);
    await Promise.all([queue.flush(), queue.flush(), queue.flush()]);
    await queue.drain();
    expect(peak).toBe(1);
    expect(queue.stats().written).toBe(20);
  });

  it('retries a failed batch before newer items, with backoff', async () => {
    let clock = 0;
    let failures = 1;
    const { batches, write } = recorder();
    const onRetry = vi.fn();
    const queue = createWriteBehindQueue<number>({
      write: async (batch) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('database is locked');
        }
        await write(batch);
      },
      flushIntervalMs: longInterval,
      retryBaseDelayMs: 1000,
      now: () => clock,
      onRetry,
      onError() {},
    });
    queue.enqueue(1);
    await queue.flush();
    expect(onRetry).toHaveBeenCalledWith(expect.any(Error), 1, 1);
    queue.enqueue(2);
    clock = 999;
    await queue.flush();
    expect(batches).toEqual([]);
    expect(queue.size).toBe(2);
    clock = 1000;
    await queue.flush();
    expect(batches).toEqual([[1], [2]]);
    expect(queue.stats()).toEqual({ written: 2, failedBatches: 0, queued: 0 });
    await queue.drain();
  });

  it('hands a batch to onError after maxAttempts and never rejects', async () => {
    const onError = vi.fn();
    const write = vi.fn(async () => {
      throw new Error('disk full');
    });
    const queue = createWriteBehindQueue<string>({
      write,
      maxAttempts: 3,
      flushIntervalMs: 5,
      retryBaseDelayMs: 5,
      onError,
    });
    queue.enqueue('a');
    queue.enqueue('b');
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1), { timeout: 2000, interval: 5 });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk full' }), ['a', 'b']);
    expect(write).toHaveBeenCalledTimes(3);
    expect(queue.stats()).toEqual({ written: 0, failedBatches: 1, queued: 0 });
    await expect(queue.flush()).resolves.toBeUndefined();
    await queue.drain();
  });

  it('drain retries without waiting out the backoff, then reports', async () => {
    const onError = vi.fn(() => {
      throw new Error('a throwing hook must not escape');
    });
    const write = vi.fn(async () => {
      throw new Error('gone');
    });
    const queue = createWriteBehindQueue<number>({
      write,
      maxAttempts: 4,
      maxBatch: 2,
      flushIntervalMs: longInterval,
      retryBaseDelayMs: longInterval,
      onError,
    });
    for (const item of range(3)) queue.enqueue(item);
    await queue.drain();
    expect(write).toHaveBeenCalledTimes(8);
    expect(onError.mock.calls.map((call: unknown[]) => call[1])).toEqual([[0, 1], [2]]);
    expect(queue.size).toBe(0);
  });
});
