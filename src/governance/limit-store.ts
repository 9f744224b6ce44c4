/**
 * The counters behind rate limits, budgets and credits, as one interface so a single process keeps them
 * in memory and a fleet of replicas keeps them in Redis.
 *
 * Atomicity contract (what a Redis implementation must keep, e.g. with one Lua script per call):
 * - `acquire` checks every counter of a request and takes all of them or none. Two requests racing
 *   for the last unit of any counter cannot both win, so a budget is never overdrawn by concurrency.
 * - `settle` replaces each reservation by the amount actually used, in one step per counter.
 * - Keys are opaque strings built by the caller; a Redis implementation prefixes them and may wrap
 *   the tenant part in a hash tag (`{k:abc}`) so all keys of one request share a cluster slot.
 */

/** Tokens or requests refilled continuously at `limitPerMinute` per minute (a token bucket). */
export interface RateCheck {
  kind: 'requests' | 'tokens';
  key: string;
  limitPerMinute: number;
  amount: number;
}

/** Requests in flight at once; `settle` gives the slot back. */
export interface ConcurrencyCheck {
  kind: 'concurrency';
  key: string;
  limit: number;
}

/**
 * Micro-dollars spendable in one window (the key names the window, e.g. `…|day|20261125`):
 * settled spend plus open reservations may not pass `limitMicros`. `expiresAt` lets the store
 * forget a finished window.
 */
export interface BudgetCheck {
  kind: 'budget';
  key: string;
  limitMicros: number;
  amount: number;
  expiresAt: number;
}

/** A hold on a prepaid balance (micro-dollars). */
export interface CreditCheck {
  kind: 'credits';
  key: string;
  amount: number;
}

export type LimitCheck = RateCheck | ConcurrencyCheck | BudgetCheck | CreditCheck;

/** A counter after a successful acquire: what is left and when it is whole again. */
export interface CounterState {
  limit: number;
  remaining: number;
  /** Milliseconds until the counter is back to its full limit (0 when it already is). */
  resetMs: number;
}

export type AcquireResult =
  | { granted: true; states: CounterState[] }
  | {
      granted: false;
      /** Index into the checks of the first counter that refused. */
      failedIndex: number;
      /** When a retry could succeed; undefined when waiting cannot help (e.g. larger than the limit). */
      retryAfterMs: number | undefined;
      /** What the refusing counter holds now. */
      available: number;
    };

export interface LimitStore {
  /** Takes every check or none (see the atomicity contract above). `states[i]` belongs to `checks[i]`. */
  acquire(checks: readonly LimitCheck[], now: number): Promise<AcquireResult>;
  /**
   * Ends the reservations made by a granted acquire: `actual[i]` replaces `checks[i].amount` (tokens
   * used, micro-dollars spent; ignored for concurrency, which is released).
   */
  settle(checks: readonly LimitCheck[], actual: readonly number[], now: number): Promise<void>;
  /** Adds to a budget window's settled spend (start-up seeding from the request log). */
  addSpend(key: string, micros: number, expiresAt: number): Promise<void>;
  /** Adds to (or, negative, takes from) a prepaid balance; returns the new available amount. */
  addCredit(key: string, micros: number): Promise<number>;
  /** The available and held amounts of a prepaid balance. */
  creditBalance(key: string): Promise<{ available: number; held: number }>;
}
