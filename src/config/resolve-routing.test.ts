// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are ${VAR} references under test, not templates
import { describe, expect, it } from 'vitest';
import { issuesOfYaml, resolveYaml } from './test-helpers.js';

const providersAndModels = `
providers:
  openai: { apiKey: k }
  local: { type: vllm, baseUrl: "http://10.0.0.5:8000/v1" }
models:
  fast: { targets: [ { provider: openai, model: gpt-4o-mini } ] }
  smart: { targets: [ { provider: openai, model: gpt-4.1 } ] }
  coder: { targets: [ { provider: local, model: qwen-coder } ] }
`;

const fullRouting = `${providersAndModels}
routing:
  auto:
    classes:
      code: [coder, openai/gpt-4.1]
      chat: [fast]
    premium: [smart]
    premiumAbove: 0.8
  policies:
    smart/balanced: { strategy: cost, models: [fast, smart], maxPricePerMillion: 5 }
    fastest: { strategy: latency }
  industries:
    legal: { preferred: [smart], allowed: [smart, openai/gpt-4.1] }
    retail: {}
  breaker: { failureThreshold: 5, openMs: 20000 }
  cooldowns: { rateLimitMs: 2000, authMs: 60000 }
  maxRetryAfterMs: 3000
  defaultOutputTokens: 512
`;

/** `routing:` added to the providers and models above. */
function withRouting(routing: string): string {
  return `${providersAndModels}routing:\n${routing}\n`;
}

describe('routing defaults', () => {
  it('fills every default when the section is absent', () => {
    const routing = resolveYaml(providersAndModels).routing;
    expect(routing.auto).toEqual({
      classes: { code: [], reasoning: [], summary: [], long_context: [], chat: [] },
      premium: [],
      premiumAbove: 0.7,
    });
    expect(routing.policies.size).toBe(0);
    expect(routing.industries.size).toBe(0);
    expect(routing.breaker).toEqual({ failureThreshold: 3, openMs: 10_000 });
    expect(routing.cooldowns).toEqual({ rateLimitMs: 10_000, authMs: 300_000 });
    expect(routing.maxRetryAfterMs).toBe(10_000);
    expect(routing.defaultOutputTokens).toBe(256);
  });

  it('fills the defaults of a section that sets only part', () => {
    const routing = resolveYaml(
      withRouting('  breaker: { openMs: 500 }\n  policies:\n    p: { strategy: quality }'),
    ).routing;
    expect(routing.breaker).toEqual({ failureThreshold: 3, openMs: 500 });
    expect(routing.policies.get('p')).toEqual({ name: 'p', strategy: 'quality', models: [] });
    expect(routing.auto.premiumAbove).toBe(0.7);
  });

  it('gives each configuration its own default maps', () => {
    const first = resolveYaml('').routing;
    first.policies.set('x', { name: 'x', strategy: 'cost', models: [] });
    first.auto.classes.code.push('leak');
    expect(resolveYaml('').routing.policies.size).toBe(0);
    expect(resolveYaml('').routing.auto.classes.code).toEqual([]);
  });
});

describe('routing settings', () => {
  it('resolves every field', () => {
    const config = resolveYaml(fullRouting);
    expect(config.warnings).toEqual([]);
    const routing = config.routing;
    expect(routing.auto).toEqual({
      classes: {
        code: ['coder', 'openai/gpt-4.1'],
        reasoning: [],
        summary: [],
        long_context: [],
        chat: ['fast'],
      },
      premium: ['smart'],
      premiumAbove: 0.8,
    });
    expect([...routing.policies.values()]).toEqual([
      { name: 'smart/balanced', strategy: 'cost', models: ['fast', 'smart'], maxPricePerMillion: 5 },
      { name: 'fastest', strategy: 'latency', models: [] },
    ]);
    expect([...routing.industries.values()]).toEqual([
      { tag: 'legal', preferred: ['smart'], allowed: ['smart', 'openai/gpt-4.1'] },
      { tag: 'retail', preferred: [], allowed: [] },
    ]);
    expect(routing.breaker).toEqual({ failureThreshold: 5, openMs: 20_000 });
    expect(routing.cooldowns).toEqual({ rateLimitMs: 2000, authMs: 60_000 });
    expect(routing.maxRetryAfterMs).toBe(3000);
    expect(routing.defaultOutputTokens).toBe(512);
  });

  it('accepts numbers given as interpolated strings', () => {
    const routing = resolveYaml(withRouting('  auto: { premiumAbove: "${P}" }\n  maxRetryAfterMs: "${M}"'), {
      env: { P: '0.25', M: '0' },
    }).routing;
    expect(routing.auto.premiumAbove).toBe(0.25);
    expect(routing.maxRetryAfterMs).toBe(0);
  });

  it('accepts aliases, provider/model of a configured provider, and bare catalogued names', () => {
    const routing = resolveYaml(
      withRouting('  auto: { premium: [smart, local/anything-at-all, gpt-4o, gpt-4o-2024-08-06] }'),
    ).routing;
    expect(routing.auto.premium).toEqual(['smart', 'local/anything-at-all', 'gpt-4o', 'gpt-4o-2024-08-06']);
  });

  it('warns when a catalogued model has no configured provider to serve it', () => {
    const config = resolveYaml(withRouting('  auto: { classes: { summary: [llama-3.1-8b-instant] } }'));
    expect(config.warnings).toEqual([
      'routing.auto.classes.summary[0]: "llama-3.1-8b-instant" is in the catalog (groq) but no configured provider serves it',
    ]);
  });
});

describe('routing errors', () => {
  const unknown = (path: string, name: string) =>
    `${path}: unknown model "${name}" (not an alias, not provider/model of a configured provider, not in the catalog)`;

  it('names an unknown model reference in every place one can be written', () => {
    const text = withRouting(
      [
        '  auto:',
        '    classes: { code: [coder, gtp-4] }',
        '    premium: [smrt]',
        '  policies:',
        '    smart/balanced: { strategy: cost, models: [fast, groq/llama] }',
        '  industries:',
        '    legal: { preferred: [lawyer], allowed: [smart, /gpt-4o] }',
      ].join('\n'),
    );
    expect(issuesOfYaml(text)).toEqual([
      unknown('routing.auto.classes.code[1]', 'gtp-4'),
      unknown('routing.auto.premium[0]', 'smrt'),
      unknown('routing.policies["smart/balanced"].models[1]', 'groq/llama'),
      unknown('routing.industries.legal.preferred[0]', 'lawyer'),
      unknown('routing.industries.legal.allowed[1]', '/gpt-4o'),
    ]);
  });

  it('does not mention the catalog when there is none', () => {
    expect(issuesOfYaml(withRouting('  auto: { premium: [gpt-4o] }'), { catalog: undefined })).toEqual([
      'routing.auto.premium[0]: unknown model "gpt-4o" (not an alias, not provider/model of a configured provider)',
    ]);
  });

  it('rejects an unknown task class', () => {
    expect(issuesOfYaml(withRouting('  auto: { classes: { coding: [coder] } }'))).toEqual([
      'routing.auto.classes.coding: unknown key',
    ]);
  });

  it('rejects a bad or missing strategy', () => {
    expect(issuesOfYaml(withRouting('  policies:\n    smart/balanced: { strategy: cheapest }'))).toEqual([
      'routing.policies["smart/balanced"].strategy: expected one of "cost"|"quality"|"latency"|"local"',
    ]);
    expect(issuesOfYaml(withRouting('  policies:\n    smart/balanced: { models: [fast] }'))).toEqual([
      'routing.policies["smart/balanced"].strategy: required (expected one of "cost"|"quality"|"latency"|"local")',
    ]);
  });

  it('keeps premiumAbove within 0..1', () => {
    expect(issuesOfYaml(withRouting('  auto: { premiumAbove: 1.5 }'))).toEqual([
      'routing.auto.premiumAbove: expected number to be <=1',
    ]);
    expect(issuesOfYaml(withRouting('  auto: { premiumAbove: -0.1 }'))).toEqual([
      'routing.auto.premiumAbove: expected number to be >=0',
    ]);
  });

  it('rejects a negative price ceiling and breaker settings below one', () => {
    const text = withRouting(
      '  policies:\n    cheap: { strategy: cost, maxPricePerMillion: -1 }\n  breaker: { failureThreshold: 0 }',
    );
    expect(issuesOfYaml(text)).toEqual([
      'routing.policies.cheap.maxPricePerMillion: expected number to be >=0',
      'routing.breaker.failureThreshold: expected number to be >=1',
    ]);
  });

  it('rejects policy names that would shadow an alias or a built-in route', () => {
    const text = withRouting(
      [
        '  policies:',
        '    auto: { strategy: cost }',
        '    "strategy:cheap": { strategy: cost }',
        '    "industry:legal": { strategy: quality }',
        '    fast: { strategy: latency }',
        '    ok/name: { strategy: local }',
      ].join('\n'),
    );
    expect(issuesOfYaml(text)).toEqual([
      'routing.policies.auto: "auto" is reserved for the automatic router; choose another name',
      'routing.policies["strategy:cheap"]: names starting with "strategy:" are reserved; choose another name',
      'routing.policies["industry:legal"]: names starting with "industry:" are reserved; choose another name',
      'routing.policies.fast: "fast" is already a model alias under models:, so the policy could not be asked for; choose another name',
    ]);
  });

  it('rejects unknown keys in every routing block', () => {
    const text = withRouting(
      [
        '  fallback: true',
        '  auto: { premiumOver: 0.5 }',
        '  policies:',
        '    p: { strategy: cost, budget: 1 }',
        '  industries:',
        '    legal: { denied: [fast] }',
        '  cooldowns: { serverErrorMs: 5 }',
      ].join('\n'),
    );
    expect(issuesOfYaml(text)).toEqual([
      'routing.auto.premiumOver: unknown key',
      'routing.policies.p.budget: unknown key',
      'routing.industries.legal.denied: unknown key',
      'routing.cooldowns.serverErrorMs: unknown key',
      'routing.fallback: unknown key',
    ]);
  });
});
