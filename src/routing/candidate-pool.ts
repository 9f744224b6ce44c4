import type { Principal } from '../auth/index.js';
import { type CandidateLimits, checkCandidate } from './check-candidate.js';
import type { Deployment } from './deployments.js';
import type { DeploymentHealth } from './health.js';
import type { RequestRequirements } from './requirements.js';
import type { CandidateTrace } from './route-trace.js';

/** A deployment that passed the checks, with the alias it came through (for key permissions). */
export interface Candidate {
  deployment: Deployment;
  weight: number;
  via?: string;
}

/** Everything a candidate check needs for one request. */
export interface CandidateContext {
  requirements: RequestRequirements;
  limits: CandidateLimits;
  principal: Principal | undefined;
  health: DeploymentHealth;
  trace: CandidateTrace[];
  /** Deployments already placed in an earlier group (each is tried once per request). */
  seen: Set<string>;
  /** Skipped deployments so far (only the first few are traced). */
  skips: number;
}

/** Skipped candidates recorded per request at most, so a walk over a big catalog keeps the log small. */
const maxSkipsTraced = 20;

/** Checks one deployment; records the verdict in the trace; returns it as a candidate when it passes. */
export function admit(
  context: CandidateContext,
  deployment: Deployment,
  weight = 1,
  via?: string,
): Candidate | undefined {
  if (context.seen.has(deployment.id)) return undefined;
  const reason = checkCandidate(
    deployment,
    context.requirements,
    context.limits,
    context.principal,
    context.health,
    via,
  );
  if (reason !== undefined) {
    if (context.skips++ < maxSkipsTraced)
      context.trace.push({ deployment: deployment.id, kept: false, reason });
    return undefined;
  }
  context.seen.add(deployment.id);
  context.trace.push({
    deployment: deployment.id,
    kept: true,
    ...(via === undefined ? {} : { reason: `via ${via}` }),
  });
  return via === undefined ? { deployment, weight } : { deployment, weight, via };
}

/**
 * Walks a pre-sorted list and keeps the first `limit` deployments that pass. Cost is proportional to
 * how far it has to walk, not to the catalog's size, when most deployments pass.
 */
export function takeFirst(
  context: CandidateContext,
  list: readonly Deployment[],
  limit: number,
): Candidate[] {
  const kept: Candidate[] = [];
  for (const deployment of list) {
    const candidate = admit(context, deployment);
    if (candidate) kept.push(candidate);
    if (kept.length >= limit) break;
  }
  return kept;
}
