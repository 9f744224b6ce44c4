import type { SimulatorProtocol, SimulatorRecord } from './types.js';

interface Waiter {
  predicate: (record: SimulatorRecord) => boolean;
  resolve: (record: SimulatorRecord) => void;
  reject: (error: unknown) => void;
}

/** The ring buffer of request records, with change notification for `waitFor`. */
export class Recorder {
  readonly #capacity: number;
  #buffer: SimulatorRecord[] = [];
  /** Index of the oldest record once the buffer is full. */
  #start = 0;
  #nextId = 1;
  readonly #waiters = new Set<Waiter>();

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Creates, stores and announces a record for a request that just arrived. */
  create(
    method: string,
    path: string,
    headers: Record<string, string>,
    protocol: SimulatorProtocol,
  ): SimulatorRecord {
    const record: SimulatorRecord = {
      id: this.#nextId++,
      method,
      path,
      protocol,
      headers,
      body: undefined,
      stream: false,
      receivedAt: Date.now(),
      aborted: false,
    };
    if (this.#buffer.length < this.#capacity) {
      this.#buffer.push(record);
    } else {
      this.#buffer[this.#start] = record;
      this.#start = (this.#start + 1) % this.#capacity;
    }
    this.changed(record);
    return record;
  }

  /** Wakes the waiters whose predicate now holds for this record. */
  changed(record: SimulatorRecord): void {
    if (this.#waiters.size === 0) return;
    for (const waiter of this.#waiters) {
      let matched: boolean;
      try {
        matched = waiter.predicate(record);
      } catch (error) {
        // A throwing predicate fails its own waitFor, never the request being recorded.
        this.#waiters.delete(waiter);
        waiter.reject(error);
        continue;
      }
      if (matched) {
        this.#waiters.delete(waiter);
        waiter.resolve(record);
      }
    }
  }

  /** Records oldest first. */
  list(): SimulatorRecord[] {
    if (this.#start === 0) return this.#buffer.slice();
    return [...this.#buffer.slice(this.#start), ...this.#buffer.slice(0, this.#start)];
  }

  clear(): void {
    this.#buffer = [];
    this.#start = 0;
  }

  waitFor(predicate: (record: SimulatorRecord) => boolean, timeoutMs = 5000): Promise<SimulatorRecord> {
    const existing = this.list().find(predicate);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (record) => {
          clearTimeout(timer);
          resolve(record);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`simulator: no request matched within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }
}
