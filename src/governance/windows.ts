import type { BudgetPeriod } from './policy.js';

/** One budget window: an id that names it in counter keys, and when it ends (UTC). */
export interface BudgetWindow {
  id: string;
  startsAt: number;
  expiresAt: number;
}

const dayMs = 86_400_000;

/** The UTC day, UTC calendar month, or all time that `now` falls in. */
export function budgetWindow(period: BudgetPeriod, now: number): BudgetWindow {
  if (period === 'total') return { id: 'all', startsAt: 0, expiresAt: Number.MAX_SAFE_INTEGER };
  const date = new Date(now);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  if (period === 'month') {
    return {
      id: `${year}${pad(month + 1)}`,
      startsAt: Date.UTC(year, month, 1),
      expiresAt: Date.UTC(year, month + 1, 1),
    };
  }
  const startsAt = Date.UTC(year, month, date.getUTCDate());
  return { id: `${year}${pad(month + 1)}${pad(date.getUTCDate())}`, startsAt, expiresAt: startsAt + dayMs };
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** Remembers the current windows so the request path does not build Dates on every call. */
export class WindowClock {
  private readonly current = new Map<BudgetPeriod, BudgetWindow>();

  at(period: BudgetPeriod, now: number): BudgetWindow {
    const known = this.current.get(period);
    if (known && now >= known.startsAt && now < known.expiresAt) return known;
    const fresh = budgetWindow(period, now);
    this.current.set(period, fresh);
    return fresh;
  }
}
