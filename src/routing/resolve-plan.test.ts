import { describe, expect, it } from 'vitest';
import { type CanonRequest, GatewayError } from '../canon/index.js';
import { loadDefaultCatalog } from '../catalog/index.js';
import { type RawConfig, resolveConfig } from '../config/index.js';
import { providerPresets } from '../providers/presets/index.js';
import { DeploymentHealth } from './health.js';
import { createRouter } from './resolve-plan.js';

const catalog = loadDefaultCatalog();

function setup(models: RawConfig['models'], routing?: RawConfig['routing'], random = Math.random) {
  const config = resolveConfig(
    {
      providers: {
        a: { type: 'simulator', baseUrl: 'http://127.0.0.1:9/v1' },
        b: { type: 'simulator', baseUrl: 'http://127.0.0.1:9/v1' },
      },
      models,
      ...(routing ? { routing } : {}),
    },
    { env: {}, dataDir: '/tmp', presets: providerPresets, catalog },
  );
  const health = new DeploymentHealth(config.routing);
  return { router: createRouter(config, catalog, health, random), health };
}

function request(model: string, extra: Partial<CanonRequest> = {}): CanonRequest {
  return {
    model,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    sampling: {},
    stream: false,
    streamUsage: false,
    vendor: {},
    ...extra,
  };
}

const first = (plan: { groups: Array<{ targets: Array<{ deployment: string }> }> }) =>
  plan.groups[0]?.targets[0]?.deployment;

describe('router balancing within an alias', () => {
  it('weighted: traffic splits by weight', () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const { router } = setup(
      {
        mix: {
          targets: [
            { provider: 'a', model: 'demo-fast', weight: 3 },
            { provider: 'b', model: 'demo-fast', weight: 1 },
          ],
        },
      },
      undefined,
      random,
    );
    let heavy = 0;
    for (let index = 0; index < 4000; index++)
      if (first(router.resolve(request('mix'))) === 'a/demo-fast') heavy++;
    expect(heavy / 4000).toBeGreaterThan(0.7);
    expect(heavy / 4000).toBeLessThan(0.8);
  });

  it('equal weights keep the configured order (priority)', () => {
    const { router } = setup({
      pair: {
        targets: [
          { provider: 'b', model: 'demo-fast' },
          { provider: 'a', model: 'demo-fast' },
        ],
      },
    });
    for (let index = 0; index < 20; index++)
      expect(first(router.resolve(request('pair')))).toBe('b/demo-fast');
  });

  it('least-busy: the deployment with fewer requests in flight goes first', () => {
    const { router, health } = setup({
      pair: {
        targets: [
          { provider: 'a', model: 'demo-fast' },
          { provider: 'b', model: 'demo-fast' },
        ],
        balance: 'least-busy',
      },
    });
    expect(first(router.resolve(request('pair')))).toBe('a/demo-fast');
    health.begin('a/demo-fast');
    expect(first(router.resolve(request('pair')))).toBe('b/demo-fast');
  });

  it('latency: the lowest moving-average time to first token goes first', () => {
    const { router, health } = setup({
      pair: {
        targets: [
          { provider: 'a', model: 'demo-fast' },
          { provider: 'b', model: 'demo-fast' },
        ],
        balance: 'latency',
      },
    });
    health.recordSuccess('a/demo-fast', { ttftMs: 400 });
    health.recordSuccess('b/demo-fast', { ttftMs: 90 });
    expect(first(router.resolve(request('pair')))).toBe('b/demo-fast');
  });
});

describe('router filters', () => {
  it('skips deployments whose breaker is open, and says 503 with Retry-After when nothing is left', () => {
    const { router, health } = setup({ solo: { targets: [{ provider: 'a', model: 'demo-fast' }] } });
    for (let index = 0; index < 3; index++) health.recordFailure('a/demo-fast', 'upstream_unavailable');
    let error: unknown;
    try {
      router.resolve(request('solo'));
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).status).toBe(503);
    expect((error as GatewayError).details.retryAfterMs).toBeGreaterThan(0);
    expect((error as GatewayError).message).toContain('circuit breaker open');
  });

  it('Retry-After of the 503 is when the first resting deployment may be tried again, not a fixed guess', () => {
    const { router, health } = setup({
      pair: {
        targets: [
          { provider: 'a', model: 'demo-fast' },
          { provider: 'b', model: 'demo-fast' },
        ],
      },
    });
    health.recordFailure('a/demo-fast', 'upstream_rate_limited', 30_000);
    health.recordFailure('b/demo-fast', 'upstream_rate_limited', 12_900);
    const retryAfter = () => {
      try {
        router.resolve(request('pair'));
      } catch (thrown) {
        return (thrown as GatewayError).details.retryAfterMs;
      }
      throw new Error('expected the router to refuse');
    };
    expect(retryAfter()).toBe(13_000);
    health.recordFailure('b/demo-fast', 'upstream_auth');
    // b now rests for the long credentials cooldown, so a's 30 s is the soonest.
    expect(retryAfter()).toBe(30_000);
  });

  it('a context window too small for the prompt is skipped', () => {
    const { router } = setup({
      small: {
        targets: [
          { provider: 'a', model: 'tiny', contextWindow: 100 },
          { provider: 'b', model: 'demo-fast' },
        ],
      },
    });
    const long = request('small', {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'x'.repeat(2000) }] }],
    });
    const plan = router.resolve(long);
    expect(plan.candidates).toEqual(['b/demo-fast']);
    expect(plan.trace.candidates[0]).toMatchObject({
      deployment: 'a/tiny',
      kept: false,
      reason: expect.stringContaining('context window 100'),
    });
  });

  it('a policy price ceiling keeps only models under it', () => {
    const { router } = setup({}, { policies: { thrifty: { strategy: 'quality', maxPricePerMillion: 1 } } });
    const plan = router.resolve(request('thrifty'));
    for (const target of plan.groups.flatMap((group) => group.targets)) {
      expect(target.facts.inputPrice as number).toBeLessThanOrEqual(1_000_000);
      expect(target.facts.outputPrice as number).toBeLessThanOrEqual(1_000_000);
    }
  });

  it('a request wanting images skips models known to lack vision', () => {
    const { router } = setup({
      v: {
        targets: [
          { provider: 'a', model: 'demo-reasoner' },
          { provider: 'b', model: 'demo-fast' },
        ],
      },
    });
    const withImage = request('v', {
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } }],
        },
      ],
    });
    expect(router.resolve(withImage).candidates).toEqual(['b/demo-fast']);
  });
});
