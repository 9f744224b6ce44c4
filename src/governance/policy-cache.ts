import { compilePolicy, type Policy, type PolicyDocument } from './policy.js';

/** A team's or plan's policy as the cache reads it (team and plan records have these fields). */
export interface PolicyRow {
  id: string;
  updatedAt: number;
  deletedAt: number | null;
  policy: PolicyDocument | null;
}

/** Change feeds of team and plan policies (the teams and plans repositories). */
export interface PolicySources {
  teamsChangedSince(ms: number): Promise<PolicyRow[]>;
  plansChangedSince(ms: number): Promise<PolicyRow[]>;
}

/** Team and plan policies in memory; the request path only does map lookups. */
export interface PolicyCache {
  team(id: string | null): Policy | undefined;
  plan(id: string | null): Policy | undefined;
  start(): Promise<void>;
  stop(): void;
  /** Polls now, so a change made before the call is visible after it. */
  refresh(): Promise<void>;
}

export interface PolicyCacheOptions {
  sources: PolicySources;
  pollIntervalMs?: number;
  onError: (error: unknown) => void;
}

/** Re-reads rows changed in this window before the newest change seen (clock ties, slow commits). */
const overlapMs = 2_000;

/** Polls the team and plan change feeds, like the key cache does for keys. */
export function createPolicyCache(options: PolicyCacheOptions): PolicyCache {
  const teams = new Map<string, Policy>();
  const plans = new Map<string, Policy>();
  let newestTeam = 0;
  let newestPlan = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const apply = (rows: PolicyRow[], into: Map<string, Policy>, newest: number): number => {
    let latest = newest;
    for (const row of rows) {
      if (row.deletedAt !== null) into.delete(row.id);
      else into.set(row.id, compilePolicy(row.policy));
      if (row.updatedAt > latest) latest = row.updatedAt;
    }
    return latest;
  };
  const poll = async () => {
    const [teamRows, planRows] = await Promise.all([
      options.sources.teamsChangedSince(Math.max(0, newestTeam - overlapMs)),
      options.sources.plansChangedSince(Math.max(0, newestPlan - overlapMs)),
    ]);
    newestTeam = apply(teamRows, teams, newestTeam);
    newestPlan = apply(planRows, plans, newestPlan);
  };
  const refresh = () => {
    running = running.then(poll, poll).catch((error: unknown) => options.onError(error));
    return running;
  };
  return {
    team: (id) => (id === null ? undefined : teams.get(id)),
    plan: (id) => (id === null ? undefined : plans.get(id)),
    async start() {
      await poll();
      timer = setInterval(() => void refresh(), options.pollIntervalMs ?? 250);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    refresh,
  };
}
