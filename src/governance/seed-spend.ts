import type { AttributedSpend } from '../store/request-log-repository.js';
import { budgetKey, endUserPrefix, keyPrefix, teamPrefix } from './build-checks.js';
import type { LimitStore } from './limit-store.js';
import { budgetPeriods } from './policy.js';
import { budgetWindow } from './windows.js';

/**
 * Loads what was already spent in the current day, month and all time into the budget counters, so
 * a restart does not hand out a budget a second time. Runs once at start-up (three grouped queries),
 * never per request.
 */
export async function seedBudgetSpend(
  source: { spendSince(sinceMs: number): Promise<AttributedSpend[]> },
  limits: LimitStore,
  now: number,
): Promise<void> {
  for (const period of budgetPeriods) {
    const window = budgetWindow(period, now);
    const totals = new Map<string, number>();
    const add = (prefix: string, micros: number) => totals.set(prefix, (totals.get(prefix) ?? 0) + micros);
    for (const row of await source.spendSince(window.startsAt)) {
      if (row.keyId !== null) add(keyPrefix(row.keyId), row.micros);
      if (row.teamId !== null) add(teamPrefix(row.teamId), row.micros);
      const tenant = row.teamId ?? row.keyId;
      if (row.endUser !== null && tenant !== null) add(endUserPrefix(tenant, row.endUser), row.micros);
    }
    for (const [prefix, micros] of totals) {
      await limits.addSpend(budgetKey(prefix, period, window.id), micros, window.expiresAt);
    }
  }
}
