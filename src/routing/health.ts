import type { ErrorKind } from '../canon/index.js';

/** Breaker and cooldown settings (configuration `routing.breaker` and `routing.cooldowns`). */
export interface HealthSettings {
  breaker: { failureThreshold: number; openMs: number };
  cooldowns: { rateLimitMs: number; authMs: number };
}

/** Why a deployment may not take a request now, and until when. */
export interface Unavailability {
  reason: string;
  until: number;
}

interface DeploymentState {
  consecutiveFailures: number;
  /** Breaker: requests are refused until this time (0 = closed). */
  openUntil: number;
  /** After `openUntil`, one probe request is let through; others wait for its outcome. */
  probeInFlight: boolean;
  cooldownUntil: number;
  cooldownReason: string;
  inFlight: number;
  /** Exponentially weighted moving averages; undefined until first measured. */
  ttftMs: number | undefined;
  tokensPerSecond: number | undefined;
}

/** Errors that say something about the deployment's health (not about the request). */
const breakerKinds: ReadonlySet<ErrorKind> = new Set([
  'upstream_unavailable',
  'upstream_timeout',
  'upstream_overloaded',
  'upstream_protocol',
]);

/** Weight of a new sample in the moving averages. */
const smoothing = 0.2;

/**
 * Live health of every deployment (`provider/model`): circuit breaker, cooldowns, requests in flight,
 * and moving averages of time to first token and throughput. In memory and per process; the
 * interface is small so a shared (Redis) implementation can follow.
 */
export class DeploymentHealth {
  private readonly states = new Map<string, DeploymentState>();
  private fastestCache: readonly string[] = [];
  private fastestSortedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly settings: HealthSettings,
    private readonly now: () => number = Date.now,
  ) {}

  private stateOf(id: string): DeploymentState {
    let state = this.states.get(id);
    if (!state) {
      state = {
        consecutiveFailures: 0,
        openUntil: 0,
        probeInFlight: false,
        cooldownUntil: 0,
        cooldownReason: '',
        inFlight: 0,
        ttftMs: undefined,
        tokensPerSecond: undefined,
      };
      this.states.set(id, state);
    }
    return state;
  }

  /** How long until the deployment may be tried again, in ms; undefined when it may be tried now. */
  restingMs(id: string): number | undefined {
    const unavailable = this.unavailable(id);
    return unavailable === undefined ? undefined : Math.max(0, unavailable.until - this.now());
  }

  /** Whether a request may go to the deployment now; undefined means yes. Does not reserve a probe. */
  unavailable(id: string): Unavailability | undefined {
    const state = this.states.get(id);
    if (!state) return undefined;
    const now = this.now();
    if (state.cooldownUntil > now) return { reason: state.cooldownReason, until: state.cooldownUntil };
    if (state.openUntil > now) return { reason: 'circuit breaker open', until: state.openUntil };
    if (state.openUntil > 0 && state.probeInFlight)
      return { reason: 'circuit breaker probing', until: now + 1000 };
    return undefined;
  }

  /**
   * Marks the start of a request. For a half-open breaker this takes the single probe slot; returns
   * false if another request holds it (the caller should skip the deployment).
   */
  begin(id: string): boolean {
    const state = this.stateOf(id);
    if (state.openUntil > 0 && state.openUntil <= this.now()) {
      if (state.probeInFlight) return false;
      state.probeInFlight = true;
    }
    state.inFlight++;
    return true;
  }

  /** Marks the end of a request started with `begin` (success or not). */
  end(id: string): void {
    const state = this.stateOf(id);
    state.inFlight = Math.max(0, state.inFlight - 1);
  }

  /** A successful answer: closes the breaker and feeds the moving averages. */
  recordSuccess(
    id: string,
    measures: { ttftMs?: number; outputTokens?: number; generationMs?: number } = {},
  ): void {
    const state = this.stateOf(id);
    state.consecutiveFailures = 0;
    state.openUntil = 0;
    state.probeInFlight = false;
    if (measures.ttftMs !== undefined) state.ttftMs = average(state.ttftMs, measures.ttftMs);
    if (
      measures.outputTokens !== undefined &&
      measures.generationMs !== undefined &&
      measures.generationMs > 0
    ) {
      state.tokensPerSecond = average(
        state.tokensPerSecond,
        (measures.outputTokens * 1000) / measures.generationMs,
      );
    }
  }

  /**
   * A failed attempt. Deployment-side failures count toward the breaker; a 429 rests the deployment for
   * its Retry-After (or the default); a 401/403 from upstream rests it for long. Returns true when this
   * failure opened the breaker (worth logging).
   */
  recordFailure(id: string, kind: ErrorKind, retryAfterMs?: number): boolean {
    const state = this.stateOf(id);
    const now = this.now();
    if (kind === 'upstream_rate_limited') {
      this.coolDown(id, retryAfterMs ?? this.settings.cooldowns.rateLimitMs, 'rate limited (429)');
      return false;
    }
    if (kind === 'upstream_auth') {
      this.coolDown(id, this.settings.cooldowns.authMs, 'upstream rejected our credentials (401/403)');
      return false;
    }
    if (!breakerKinds.has(kind)) return false;
    const wasProbe = state.probeInFlight;
    state.probeInFlight = false;
    state.consecutiveFailures++;
    if (wasProbe || state.consecutiveFailures >= this.settings.breaker.failureThreshold) {
      const opening = state.openUntil <= now;
      state.openUntil = now + this.settings.breaker.openMs;
      return opening || wasProbe;
    }
    return false;
  }

  /** Rests a deployment until `now + milliseconds`. */
  coolDown(id: string, milliseconds: number, reason: string): void {
    const state = this.stateOf(id);
    const until = this.now() + milliseconds;
    if (until > state.cooldownUntil) {
      state.cooldownUntil = until;
      state.cooldownReason = reason;
    }
  }

  inFlight(id: string): number {
    return this.states.get(id)?.inFlight ?? 0;
  }

  /** Moving average of time to first token, in ms; undefined until measured. */
  ttftMs(id: string): number | undefined {
    return this.states.get(id)?.ttftMs;
  }

  /** Moving average of output tokens per second; undefined until measured. */
  tokensPerSecond(id: string): number | undefined {
    return this.states.get(id)?.tokensPerSecond;
  }

  /**
   * Deployments with a measured time to first token, fastest first. Re-sorted at most once a second, so
   * `strategy:latency` costs the same with 10 or 10,000 deployments.
   */
  fastest(): readonly string[] {
    const now = this.now();
    if (now - this.fastestSortedAt > 1000) {
      this.fastestSortedAt = now;
      this.fastestCache = [...this.states.entries()]
        .filter((entry) => entry[1].ttftMs !== undefined)
        .sort((a, b) => (a[1].ttftMs as number) - (b[1].ttftMs as number))
        .map((entry) => entry[0]);
    }
    return this.fastestCache;
  }

  /** Breaker state, for headers and the admin view. */
  breakerState(id: string): 'closed' | 'open' | 'half-open' {
    const state = this.states.get(id);
    if (!state || state.openUntil === 0) return 'closed';
    return state.openUntil > this.now() ? 'open' : 'half-open';
  }
}

function average(previous: number | undefined, sample: number): number {
  return previous === undefined ? sample : previous + smoothing * (sample - previous);
}
