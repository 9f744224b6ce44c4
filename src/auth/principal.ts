import { compilePolicy, type Policy } from '../governance/policy.js';
import type { KeyRecord } from '../store/keys-repository.js';

/** Who is calling: the facts about a verified virtual key that later pipeline stages need. */
export interface Principal {
  keyId: string;
  name: string;
  /** Model names or patterns (`provider/*`, `*`); null means every model. */
  allowedModels: ReadonlySet<string> | null;
  metadata: Record<string, string> | null;
  expiresAt: number | null;
  teamId: string | null;
  planId: string | null;
  /** The key's own policy, compiled (its plan's and team's are looked up by id at request time). */
  policy: Policy;
}

/** Builds the principal for a stored key (done once per key change, not per request). */
export function buildPrincipal(record: KeyRecord): Principal {
  return {
    keyId: record.id,
    name: record.name,
    allowedModels: record.allowedModels === null ? null : new Set(record.allowedModels),
    metadata: record.metadata === null ? null : { ...record.metadata },
    expiresAt: record.expiresAt,
    teamId: record.teamId,
    planId: record.planId,
    policy: compilePolicy(record.policy),
  };
}

/**
 * Whether the key may use `model`: a null list allows everything, `*` allows everything,
 * an exact entry allows that name, and `provider/*` allows any `provider/<something>`.
 */
export function isModelAllowed(principal: Principal, model: string): boolean {
  const allowed = principal.allowedModels;
  if (allowed === null || allowed.has('*') || allowed.has(model)) return true;
  const slash = model.indexOf('/');
  if (slash <= 0 || slash === model.length - 1) return false;
  return allowed.has(`${model.slice(0, slash)}/*`);
}
