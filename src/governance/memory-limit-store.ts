import type { AcquireResult, CounterState, LimitCheck, LimitStore } from './limit-store.js';
import { type Bucket, levelAt, msUntil } from './token-bucket.js';

interface BudgetWindow {
  spent: number;
  reserved: number;
  expiresAt: number;
}

interface Balance {
  available: number;
  held: number;
}

const sweepEveryMs = 60_000;

/**
 * The single-process {@link LimitStore}. JavaScript runs one callback at a time, so a check pass
 * followed by an apply pass with no `await` between them is atomic without locks.
 */
export class MemoryLimitStore implements LimitStore {
  private readonly buckets = new Map<string, Bucket>();
  private readonly inFlight = new Map<string, number>();
  private readonly windows = new Map<string, BudgetWindow>();
  private readonly balances = new Map<string, Balance>();
  private lastSweep = 0;

  acquire(checks: readonly LimitCheck[], now: number): Promise<AcquireResult> {
    return Promise.resolve(this.acquireNow(checks, now));
  }

  /** The synchronous core of `acquire` (also what a benchmark measures). */
  acquireNow(checks: readonly LimitCheck[], now: number): AcquireResult {
    if (now - this.lastSweep > sweepEveryMs) this.sweep(now);
    for (let index = 0; index < checks.length; index += 1) {
      const refusal = this.refusal(checks[index] as LimitCheck, now);
      if (refusal) return { granted: false, failedIndex: index, ...refusal };
    }
    return { granted: true, states: checks.map((check) => this.take(check, now)) };
  }

  settle(checks: readonly LimitCheck[], actual: readonly number[], now: number): Promise<void> {
    this.settleNow(checks, actual, now);
    return Promise.resolve();
  }

  settleNow(checks: readonly LimitCheck[], actual: readonly number[], now: number): void {
    checks.forEach((check, index) => {
      const used = Math.max(0, actual[index] ?? 0);
      switch (check.kind) {
        case 'requests':
        case 'tokens': {
          // Reconcile the estimate: give back what was not used, or take the overrun (the bucket may
          // go below zero, which delays the next requests instead of losing the tokens).
          const level = levelAt(this.buckets.get(check.key), check.limitPerMinute, now);
          this.buckets.set(check.key, { level: level + check.amount - used, at: now });
          break;
        }
        case 'concurrency': {
          const count = (this.inFlight.get(check.key) ?? 1) - 1;
          if (count <= 0) this.inFlight.delete(check.key);
          else this.inFlight.set(check.key, count);
          break;
        }
        case 'budget': {
          const window = this.windowOf(check.key, check.expiresAt);
          window.reserved = Math.max(0, window.reserved - check.amount);
          window.spent += used;
          break;
        }
        case 'credits': {
          const balance = this.balanceOf(check.key);
          balance.held = Math.max(0, balance.held - check.amount);
          balance.available += check.amount - used;
          break;
        }
      }
    });
  }

  addSpend(key: string, micros: number, expiresAt: number): Promise<void> {
    this.windowOf(key, expiresAt).spent += micros;
    return Promise.resolve();
  }

  addCredit(key: string, micros: number): Promise<number> {
    const balance = this.balanceOf(key);
    balance.available += micros;
    return Promise.resolve(balance.available);
  }

  creditBalance(key: string): Promise<{ available: number; held: number }> {
    const balance = this.balances.get(key);
    return Promise.resolve({ available: balance?.available ?? 0, held: balance?.held ?? 0 });
  }

  private refusal(
    check: LimitCheck,
    now: number,
  ): { retryAfterMs: number | undefined; available: number } | undefined {
    switch (check.kind) {
      case 'requests':
      case 'tokens': {
        const level = levelAt(this.buckets.get(check.key), check.limitPerMinute, now);
        if (level >= check.amount) return undefined;
        const retryAfterMs =
          check.amount > check.limitPerMinute
            ? undefined
            : msUntil(level, check.amount, check.limitPerMinute);
        return { retryAfterMs, available: Math.floor(level) };
      }
      case 'concurrency': {
        const count = this.inFlight.get(check.key) ?? 0;
        return count < check.limit ? undefined : { retryAfterMs: 1_000, available: 0 };
      }
      case 'budget': {
        const window = this.windows.get(check.key);
        const left = check.limitMicros - (window ? window.spent + window.reserved : 0);
        if (left >= check.amount) return undefined;
        return { retryAfterMs: undefined, available: Math.max(0, left) };
      }
      case 'credits': {
        const available = this.balances.get(check.key)?.available ?? 0;
        return available >= check.amount ? undefined : { retryAfterMs: undefined, available };
      }
    }
  }

  private take(check: LimitCheck, now: number): CounterState {
    switch (check.kind) {
      case 'requests':
      case 'tokens': {
        const limit = check.limitPerMinute;
        const level = levelAt(this.buckets.get(check.key), limit, now) - check.amount;
        this.buckets.set(check.key, { level, at: now });
        return { limit, remaining: Math.max(0, Math.floor(level)), resetMs: msUntil(level, limit, limit) };
      }
      case 'concurrency': {
        const count = (this.inFlight.get(check.key) ?? 0) + 1;
        this.inFlight.set(check.key, count);
        return { limit: check.limit, remaining: check.limit - count, resetMs: 0 };
      }
      case 'budget': {
        const window = this.windowOf(check.key, check.expiresAt);
        window.reserved += check.amount;
        const remaining = check.limitMicros - window.spent - window.reserved;
        return { limit: check.limitMicros, remaining, resetMs: Math.max(0, check.expiresAt - now) };
      }
      case 'credits': {
        const balance = this.balanceOf(check.key);
        balance.available -= check.amount;
        balance.held += check.amount;
        return { limit: balance.available + balance.held, remaining: balance.available, resetMs: 0 };
      }
    }
  }

  private windowOf(key: string, expiresAt: number): BudgetWindow {
    let window = this.windows.get(key);
    if (!window) {
      window = { spent: 0, reserved: 0, expiresAt };
      this.windows.set(key, window);
    }
    return window;
  }

  private balanceOf(key: string): Balance {
    let balance = this.balances.get(key);
    if (!balance) {
      balance = { available: 0, held: 0 };
      this.balances.set(key, balance);
    }
    return balance;
  }

  /** Forgets finished budget windows and buckets idle long enough to be full again. */
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, window] of this.windows) {
      if (window.expiresAt <= now && window.reserved === 0) this.windows.delete(key);
    }
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at > 2 * sweepEveryMs && bucket.level >= 0) this.buckets.delete(key);
    }
  }
}
