import { describe, expect, it } from 'vitest';
import type { Deployment } from '../routing/deployments.js';
import type { RoutePlan, RouteTarget } from '../routing/plan.js';
import { maxCostMicros } from './max-cost.js';

function target(
  provider: string,
  model: string,
  inputPrice: number | null,
  outputPrice: number | null,
): RouteTarget {
  const facts: Deployment = {
    id: `${provider}/${model}`,
    provider,
    model,
    providerType: 'openai',
    selfHosted: false,
    capabilities: {},
    contextWindow: undefined,
    inputPrice,
    outputPrice,
    quality: undefined,
    continuation: false,
    embeddingOnly: false,
    endpoints: undefined,
  };
  return { provider, model, weight: 1, deployment: facts.id, facts };
}

/** maxCostMicros reads only the plan's groups; the rest of a plan is routing's business. */
function plan(...groups: RouteTarget[][]): RoutePlan {
  return {
    groups: groups.map((targets, index) => ({
      name: `g${index}`,
      targets,
      retry: { attempts: 1, backoffMs: 0 },
    })),
  } as Pick<RoutePlan, 'groups'> as RoutePlan;
}

// Prices in micro-dollars per million tokens: $2.50 / $10 per million = 2_500_000 / 10_000_000.
const cheap = target('a', 'cheap', 150_000, 600_000);
const dear = target('b', 'dear', 2_500_000, 10_000_000);
const unpriced = target('c', 'local', null, null);
const maxOutput = (limits: Record<string, number>) => (_provider: string, model: string) => limits[model];

describe('maxCostMicros', () => {
  it('is the highest cost over every target of every group, with the requested max_tokens', () => {
    // dear: 1000 × 2.5 + 500 × 10 = 2500 + 5000 = 7500 µ$; cheap: 150 + 300 = 450 µ$.
    expect(maxCostMicros(plan([cheap], [dear]), 1_000, 500, maxOutput({}), 4_096)).toBe(7_500);
    expect(maxCostMicros(plan([dear, cheap]), 1_000, 500, maxOutput({}), 4_096)).toBe(7_500);
  });

  it("uses the catalog's maximum output when the request sets none, else the default", () => {
    // cheap with its 16,384-token ceiling: 150 + 16384 × 0.6 = 150 + 9830.4 = 9980.4 → 9980;
    // dear with the default 1,000: 2500 + 10000 = 12500.
    expect(maxCostMicros(plan([cheap, dear]), 1_000, undefined, maxOutput({ cheap: 16_384 }), 1_000)).toBe(
      12_500,
    );
    // dear with its own 8,192: 2500 + 81920 = 84420.
    expect(
      maxCostMicros(plan([cheap, dear]), 1_000, undefined, maxOutput({ cheap: 16_384, dear: 8_192 }), 1_000),
    ).toBe(84_420);
    // A requested max_tokens wins over the catalog ceiling.
    expect(maxCostMicros(plan([dear]), 1_000, 100, maxOutput({ dear: 8_192 }), 1_000)).toBe(3_500);
  });

  it('skips targets of unknown price, and is 0 when no target has one', () => {
    expect(maxCostMicros(plan([unpriced, cheap]), 1_000, 500, maxOutput({}), 4_096)).toBe(450);
    expect(maxCostMicros(plan([unpriced]), 1_000, 500, maxOutput({}), 4_096)).toBe(0);
    const halfPriced = target('d', 'half', 1_000_000, null);
    expect(maxCostMicros(plan([halfPriced]), 1_000, 500, maxOutput({}), 4_096)).toBe(0);
  });

  it('rounds half up once, on the whole cost', () => {
    // 1 × 0.15 + 1 × 0.6 = 0.75 → 1 µ$.
    expect(maxCostMicros(plan([cheap]), 1, 1, maxOutput({}), 1)).toBe(1);
    // 1 × 0.15 + 0 = 0.15 → 0 µ$.
    expect(maxCostMicros(plan([cheap]), 1, 0, maxOutput({}), 1)).toBe(0);
  });
});
