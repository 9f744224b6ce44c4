import type { AssistantMessage, CanonMessage, CanonUsage, FinishReason } from '../../canon/index.js';

/** One finished turn, kept so that a later request can continue it with `previous_response_id`. */
export interface StoredResponse {
  /** The conversation before the answer (earlier turns included), without the request's instructions. */
  input: CanonMessage[];
  /** The answer. */
  output: AssistantMessage;
  /** How the answer ended and what it used, so `GET /v1/responses/{id}` can render it again. */
  finish?: FinishReason;
  usage?: CanonUsage;
  /** Ids of every item the caller has been shown in this conversation, for `item_reference`. */
  itemIds: string[];
  model: string;
  /** Unix seconds. */
  createdAt: number;
  /** Who may continue the conversation (e.g. the virtual key's id); anyone when absent. */
  owner?: string;
}

/** Where turns are kept between requests. Implementations must not hand out shared mutable state. */
export interface ResponseHistory {
  get(id: string): Promise<StoredResponse | undefined>;
  put(id: string, stored: StoredResponse): Promise<void>;
  /** Forgets a turn; true when one was held (expired ones count as gone). */
  delete(id: string): Promise<boolean>;
}

/** Bounds of the in-memory history. */
export interface InMemoryResponseHistoryOptions {
  /** Most turns kept; the least recently used goes first. Default 1,000. */
  maxEntries?: number;
  /** How long a turn stays usable after it was stored, in milliseconds. Default one hour. */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface Entry {
  stored: StoredResponse;
  expiresAt: number;
}

/**
 * A bounded, process-local history: least-recently-used eviction plus a time to live. Each entry holds
 * its whole conversation (so one eviction never breaks a chain), which makes memory grow with the
 * conversation length: size `maxEntries` for the longest conversations expected. Entries are copied in
 * and out, so callers can never change a stored turn.
 */
export class InMemoryResponseHistory implements ResponseHistory {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: InMemoryResponseHistoryOptions = {}) {
    this.#maxEntries = Math.max(1, options.maxEntries ?? 1000);
    this.#ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
  }

  /** Number of turns currently held (expired ones included until touched). */
  get size(): number {
    return this.#entries.size;
  }

  async get(id: string): Promise<StoredResponse | undefined> {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    this.#entries.delete(id);
    if (entry.expiresAt <= this.#now()) return undefined;
    // Re-inserting moves the entry to the most recently used end of the Map's order.
    this.#entries.set(id, entry);
    return structuredClone(entry.stored);
  }

  async delete(id: string): Promise<boolean> {
    const entry = this.#entries.get(id);
    this.#entries.delete(id);
    return entry !== undefined && entry.expiresAt > this.#now();
  }

  async put(id: string, stored: StoredResponse): Promise<void> {
    this.#entries.delete(id);
    this.#entries.set(id, { stored: structuredClone(stored), expiresAt: this.#now() + this.#ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }
}
