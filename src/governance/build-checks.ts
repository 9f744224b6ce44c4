import type { Principal } from '../auth/index.js';
import type { LimitCheck } from './limit-store.js';
import { type BudgetRule, overlayPolicy, type Policy, type RateLimits } from './policy.js';
import type { PolicyCache } from './policy-cache.js';
import type { WindowClock } from './windows.js';

/** Who a counter belongs to, for headers and error messages. */
export type ScopeKind = 'key' | 'team' | 'end user';

export interface CheckLabel {
  scope: ScopeKind;
  /** The key's name, the team id or the end user id. */
  name: string;
  period?: BudgetRule['period'];
}

/** The policies that apply to one request, resolved from the caches (map lookups only). */
export interface AppliedPolicies {
  key: Policy;
  team: Policy | undefined;
  /** Where end-user counters and credits live: the team, or the key when it has no team. */
  tenant: string;
  endUserLimits: RateLimits | undefined;
  endUserBudgets: readonly BudgetRule[];
  requireCredits: boolean;
  baselineModel: string | undefined;
  /** Whether any counter needs the token estimate and the maximum cost. */
  needsCost: boolean;
}

export function resolvePolicies(principal: Principal, cache: PolicyCache): AppliedPolicies {
  const key = overlayPolicy(principal.policy, cache.plan(principal.planId));
  const team = cache.team(principal.teamId);
  const endUserLimits = key.endUserLimits ?? team?.endUserLimits;
  const endUserBudgets = key.endUserBudgets.length > 0 ? key.endUserBudgets : (team?.endUserBudgets ?? []);
  const requireCredits = key.requireCredits || team?.requireCredits === true;
  return {
    key,
    team,
    tenant: principal.teamId ?? principal.keyId,
    endUserLimits,
    endUserBudgets,
    requireCredits,
    baselineModel: key.baselineModel ?? team?.baselineModel,
    needsCost:
      key.limits?.tpm !== undefined ||
      team?.limits?.tpm !== undefined ||
      endUserLimits?.tpm !== undefined ||
      key.budgets.length > 0 ||
      (team?.budgets.length ?? 0) > 0 ||
      endUserBudgets.length > 0 ||
      requireCredits,
  };
}

/** What a request will consume: one request, its estimated tokens, its maximum cost. */
export interface Demand {
  tokens: number;
  costMicros: number;
}

/** Counter names of one scope. Map keys on every request, so built once per key rather than per call. */
interface ScopeKeys {
  prefix: string;
  rpm: string;
  tpm: string;
  inflight: string;
  /** The budget key of the window last seen per period (a new window gets a new key). */
  budgets: Partial<Record<BudgetRule['period'], { windowId: string; key: string }>>;
}

function scopeKeys(prefix: string): ScopeKeys {
  return { prefix, rpm: `${prefix}:rpm`, tpm: `${prefix}:tpm`, inflight: `${prefix}:inflight`, budgets: {} };
}

function budgetKeyOf(keys: ScopeKeys, period: BudgetRule['period'], windowId: string): string {
  const known = keys.budgets[period];
  if (known?.windowId === windowId) return known.key;
  const key = budgetKey(keys.prefix, period, windowId);
  keys.budgets[period] = { windowId, key };
  return key;
}

interface PrincipalKeys {
  key: ScopeKeys;
  team: ScopeKeys | undefined;
  /** Recent end users of this key; cleared when full (a bound, not an eviction policy). */
  endUsers: Map<string, ScopeKeys>;
}

const maxEndUsersPerKey = 1_024;

/** Per principal (a key change builds a new principal, so entries never go stale). */
const principalKeys = new WeakMap<Principal, PrincipalKeys>();

function keysOf(principal: Principal): PrincipalKeys {
  let known = principalKeys.get(principal);
  if (!known) {
    known = {
      key: scopeKeys(keyPrefix(principal.keyId)),
      team: principal.teamId === null ? undefined : scopeKeys(teamPrefix(principal.teamId)),
      endUsers: new Map(),
    };
    principalKeys.set(principal, known);
  }
  return known;
}

function endUserKeys(keys: PrincipalKeys, tenant: string, endUser: string): ScopeKeys {
  let known = keys.endUsers.get(endUser);
  if (!known) {
    if (keys.endUsers.size >= maxEndUsersPerKey) keys.endUsers.clear();
    known = scopeKeys(endUserPrefix(tenant, endUser));
    keys.endUsers.set(endUser, known);
  }
  return known;
}

/**
 * Every counter one request must take, in a fixed order (key, team, end user; then credits) so the
 * first refusal is the most specific one the caller can act on.
 */
export function buildChecks(
  principal: Principal,
  applied: AppliedPolicies,
  endUser: string | undefined,
  demand: Demand,
  clock: WindowClock,
  now: number,
): { checks: LimitCheck[]; labels: CheckLabel[] } {
  const checks: LimitCheck[] = [];
  const labels: CheckLabel[] = [];
  const add = (
    keys: ScopeKeys,
    label: CheckLabel,
    limits: RateLimits | undefined,
    budgets: readonly BudgetRule[],
  ) => {
    if (limits?.rpm !== undefined) {
      checks.push({ kind: 'requests', key: keys.rpm, limitPerMinute: limits.rpm, amount: 1 });
      labels.push(label);
    }
    if (limits?.tpm !== undefined) {
      checks.push({ kind: 'tokens', key: keys.tpm, limitPerMinute: limits.tpm, amount: demand.tokens });
      labels.push(label);
    }
    if (limits?.concurrency !== undefined) {
      checks.push({ kind: 'concurrency', key: keys.inflight, limit: limits.concurrency });
      labels.push(label);
    }
    for (const budget of budgets) {
      const window = clock.at(budget.period, now);
      checks.push({
        kind: 'budget',
        key: budgetKeyOf(keys, budget.period, window.id),
        limitMicros: budget.limitMicros,
        amount: demand.costMicros,
        expiresAt: window.expiresAt,
      });
      labels.push({ ...label, period: budget.period });
    }
  };
  const keys = keysOf(principal);
  add(keys.key, { scope: 'key', name: principal.name }, applied.key.limits, applied.key.budgets);
  if (applied.team && keys.team && principal.teamId !== null) {
    add(keys.team, { scope: 'team', name: principal.teamId }, applied.team.limits, applied.team.budgets);
  }
  if (endUser !== undefined) {
    add(
      endUserKeys(keys, applied.tenant, endUser),
      { scope: 'end user', name: endUser },
      applied.endUserLimits,
      applied.endUserBudgets,
    );
  }
  return { checks, labels };
}

export const keyPrefix = (keyId: string) => `k:${keyId}`;
export const teamPrefix = (teamId: string) => `t:${teamId}`;
export const endUserPrefix = (tenant: string, endUser: string) => `u:${tenant}:${endUser}`;
export const budgetKey = (prefix: string, period: string, windowId: string) =>
  `${prefix}:budget:${period}:${windowId}`;
