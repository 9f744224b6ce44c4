import { describe, expect, it } from 'vitest';
import { DeploymentHealth } from './health.js';

function setup() {
  let now = 1_000_000;
  const health = new DeploymentHealth(
    { breaker: { failureThreshold: 3, openMs: 1000 }, cooldowns: { rateLimitMs: 500, authMs: 60_000 } },
    () => now,
  );
  return { health, advance: (ms: number) => (now += ms), now: () => now };
}

describe('DeploymentHealth', () => {
  it('opens the breaker after consecutive failures, lets one probe through after openMs, closes on success', () => {
    const { health, advance } = setup();
    expect(health.recordFailure('a', 'upstream_unavailable')).toBe(false);
    expect(health.recordFailure('a', 'upstream_timeout')).toBe(false);
    expect(health.unavailable('a')).toBeUndefined();
    expect(health.recordFailure('a', 'upstream_overloaded')).toBe(true);
    expect(health.unavailable('a')?.reason).toBe('circuit breaker open');
    expect(health.breakerState('a')).toBe('open');
    advance(1001);
    expect(health.breakerState('a')).toBe('half-open');
    expect(health.unavailable('a')).toBeUndefined();
    expect(health.begin('a')).toBe(true);
    expect(health.begin('a')).toBe(false);
    expect(health.unavailable('a')?.reason).toBe('circuit breaker probing');
    health.recordSuccess('a');
    health.end('a');
    expect(health.breakerState('a')).toBe('closed');
    expect(health.begin('a')).toBe(true);
  });

  it('a failed probe opens the breaker again', () => {
    const { health, advance } = setup();
    for (let index = 0; index < 3; index++) health.recordFailure('a', 'upstream_unavailable');
    advance(1001);
    expect(health.begin('a')).toBe(true);
    expect(health.recordFailure('a', 'upstream_unavailable')).toBe(true);
    expect(health.breakerState('a')).toBe('open');
  });

  it('a success resets the count; request errors do not count', () => {
    const { health } = setup();
    health.recordFailure('a', 'upstream_unavailable');
    health.recordFailure('a', 'upstream_unavailable');
    health.recordSuccess('a');
    health.recordFailure('a', 'upstream_unavailable');
    health.recordFailure('a', 'context_length_exceeded');
    health.recordFailure('a', 'upstream_bad_request');
    expect(health.breakerState('a')).toBe('closed');
  });

  it('429 rests the deployment for Retry-After or the default; 401 for long', () => {
    const { health, advance } = setup();
    health.recordFailure('a', 'upstream_rate_limited', 2000);
    expect(health.unavailable('a')?.reason).toBe('rate limited (429)');
    advance(1999);
    expect(health.unavailable('a')).toBeDefined();
    advance(2);
    expect(health.unavailable('a')).toBeUndefined();
    health.recordFailure('b', 'upstream_rate_limited');
    advance(501);
    expect(health.unavailable('b')).toBeUndefined();
    health.recordFailure('c', 'upstream_auth');
    advance(59_000);
    expect(health.unavailable('c')?.reason).toContain('credentials');
  });

  it('tracks requests in flight and moving averages', () => {
    const { health } = setup();
    health.begin('a');
    health.begin('a');
    expect(health.inFlight('a')).toBe(2);
    health.end('a');
    expect(health.inFlight('a')).toBe(1);
    health.recordSuccess('a', { ttftMs: 100, outputTokens: 50, generationMs: 1000 });
    health.recordSuccess('a', { ttftMs: 200 });
    expect(health.ttftMs('a')).toBeCloseTo(120);
    expect(health.tokensPerSecond('a')).toBe(50);
    expect(health.ttftMs('unknown')).toBeUndefined();
  });
});
