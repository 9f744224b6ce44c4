import { describe, expect, it } from 'vitest';
import { GatewayError } from '../canon/errors.js';
import { providerPresets } from '../providers/presets/index.js';
import { createModelCatalog, loadDefaultCatalog, toMicrosPerMillion } from './catalog.js';

const catalog = loadDefaultCatalog();

function entry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    provider: 'openai',
    model: 'm',
    inputPerMillion: 1,
    outputPerMillion: 2,
    contextWindow: 1000,
    capabilities: { tools: true },
    priceDate: '2025-06-01',
    ...overrides,
  };
}

function errorOf(action: () => unknown): GatewayError {
  try {
    action();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('the bundled catalog', () => {
  it('loads with its version', () => {
    expect(catalog.version).toBe('2026-11-25');
    expect(catalog.all().length).toBeGreaterThan(20);
  });

  it('only names known provider presets', () => {
    for (const each of catalog.all()) expect(providerPresets.has(each.provider)).toBe(true);
  });

  it('dates every known price', () => {
    for (const each of catalog.all()) {
      if (each.price.inputMicrosPerMillion !== null) expect(each.priceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it.each([
    ['openai', 'gpt-4o'],
    ['openai', 'gpt-4o-mini'],
    ['openai', 'gpt-4.1'],
    ['openai', 'gpt-4.1-mini'],
    ['openai', 'gpt-4.1-nano'],
    ['openai', 'o3-mini'],
    ['openai', 'o4-mini'],
    ['groq', 'llama-3.3-70b-versatile'],
    ['groq', 'llama-3.1-8b-instant'],
    ['mistral', 'mistral-large-latest'],
    ['mistral', 'mistral-small-latest'],
    ['deepseek', 'deepseek-chat'],
    ['deepseek', 'deepseek-reasoner'],
    ['perplexity', 'sonar'],
    ['simulator', 'demo-fast'],
    ['simulator', 'demo-smart'],
    ['simulator', 'demo-reasoner'],
    ['simulator', 'demo-local'],
    ['simulator', 'demo-embed'],
  ])('covers %s/%s', (provider, model) => {
    expect(catalog.find(provider, model)?.model).toBe(model);
  });

  it('stores prices as integer micro-dollars per million tokens', () => {
    expect(catalog.find('openai', 'gpt-4o-mini')?.price).toEqual({
      inputMicrosPerMillion: 150_000,
      outputMicrosPerMillion: 600_000,
      cachedInputMicrosPerMillion: 75_000,
      cacheWriteMicrosPerMillion: null,
    });
  });

  it('prices the simulator demo models as specified', () => {
    expect(catalog.find('simulator', 'demo-fast')?.price.inputMicrosPerMillion).toBe(100_000);
    expect(catalog.find('simulator', 'demo-fast')?.contextWindow).toBe(128_000);
    expect(catalog.find('simulator', 'demo-smart')?.price.outputMicrosPerMillion).toBe(10_000_000);
    expect(catalog.find('simulator', 'demo-smart')?.contextWindow).toBe(200_000);
    expect(catalog.find('simulator', 'demo-reasoner')?.capabilities.reasoning).toBe(true);
    // Zero is a known price, not an unknown one.
    expect(catalog.find('simulator', 'demo-local')?.price.inputMicrosPerMillion).toBe(0);
    expect(catalog.find('simulator', 'demo-local')?.price.outputMicrosPerMillion).toBe(0);
    const embed = catalog.find('simulator', 'demo-embed');
    expect(embed?.capabilities.embeddings).toBe(true);
    expect(embed?.price.inputMicrosPerMillion).toBe(20_000);
  });

  it('rates quality 0..100 where there is a basis, and leaves it null elsewhere', () => {
    expect(catalog.find('openai', 'gpt-4.1')?.quality).toBe(85);
    expect(catalog.find('openai', 'gpt-4o-mini')?.quality).toBe(60);
    expect(catalog.find('deepseek', 'deepseek-reasoner')?.quality).toBe(84);
    expect(catalog.find('simulator', 'demo-smart')?.quality).toBe(85);
    expect(catalog.find('simulator', 'demo-fast')?.quality).toBe(40);
    expect(catalog.find('simulator', 'demo-embed')?.quality).toBeNull();
    for (const each of catalog.all()) {
      if (each.quality !== null) expect(each.quality).toBeGreaterThanOrEqual(0);
      if (each.quality !== null) expect(each.quality).toBeLessThanOrEqual(100);
    }
  });

  it('finds a model by a dated alias', () => {
    expect(catalog.find('openai', 'gpt-4o-2024-08-06')?.model).toBe('gpt-4o');
    expect(catalog.find('groq', 'gpt-4o')).toBeUndefined();
  });

  it('finds bare names and aliases across providers', () => {
    expect(catalog.findByModel('gpt-4o-mini-2024-07-18').map((each) => each.model)).toEqual(['gpt-4o-mini']);
    expect(catalog.findByModel('no-such-model')).toEqual([]);
  });
});

describe('createModelCatalog', () => {
  it('indexes the same name under several providers', () => {
    const shared = createModelCatalog(
      { version: 'v', models: [entry({ provider: 'together' }), entry({ provider: 'fireworks' })] },
      'test.json',
    );
    expect(shared.findByModel('m').map((each) => each.provider)).toEqual(['together', 'fireworks']);
  });

  it('keeps an unknown price null and defaults unstated capabilities to false', () => {
    const unknown = createModelCatalog(
      { version: 'v', models: [entry({ inputPerMillion: null, outputPerMillion: null, priceDate: null })] },
      'test.json',
    ).find('openai', 'm');
    expect(unknown?.price.inputMicrosPerMillion).toBeNull();
    expect(unknown?.capabilities).toEqual({
      tools: true,
      vision: false,
      jsonSchema: false,
      reasoning: false,
      streaming: false,
      embeddings: false,
      moderation: false,
      rerank: false,
      imageGeneration: false,
      speech: false,
      transcription: false,
    });
    expect(unknown?.unitPrices).toEqual({
      imageMicros: null,
      millionCharactersMicros: null,
      minuteMicros: null,
      searchUnitMicros: null,
    });
  });

  it('reads unit prices as integer micro-dollars per unit', () => {
    const priced = createModelCatalog(
      {
        version: 'v',
        models: [entry({ unitPrices: { perImage: 0.04, perMillionCharacters: 15, perMinute: 0.006 } })],
      },
      'test.json',
    ).find('openai', 'm');
    expect(priced?.unitPrices).toEqual({
      imageMicros: 40_000,
      millionCharactersMicros: 15_000_000,
      minuteMicros: 6_000,
      searchUnitMicros: null,
    });
  });

  it('reads quality, null when absent, and rejects it above 100', () => {
    const rated = createModelCatalog(
      { version: 'v', models: [entry({ quality: 72.5 }), entry({ model: 'n' })] },
      'test.json',
    );
    expect(rated.find('openai', 'm')?.quality).toBe(72.5);
    expect(rated.find('openai', 'n')?.quality).toBeNull();
    const error = errorOf(() =>
      createModelCatalog({ version: 'v', models: [entry({ quality: 101 })] }, 'test.json'),
    );
    expect(error.message).toMatch(/models\[0\]\.quality: /);
  });

  it('reports invalid entries with their path', () => {
    const error = errorOf(() =>
      createModelCatalog(
        { version: 'v', models: [entry(), entry({ model: 'x', inputPerMillion: -1, colour: 'red' })] },
        'test.json',
      ),
    );
    expect(error.kind).toBe('internal');
    expect(error.message).toContain('model catalog test.json is invalid:');
    expect(error.message).toMatch(/\n {2}models\[1\]\.inputPerMillion: /);
    expect(error.message).toMatch(/\n {2}models\[1\]: .*colour/);
  });

  it('requires the price keys even when the price is unknown', () => {
    const { inputPerMillion: _dropped, ...withoutInput } = entry();
    const error = errorOf(() => createModelCatalog({ version: 'v', models: [withoutInput] }, 'test.json'));
    expect(error.message).toMatch(/models\[0\]\.inputPerMillion: /);
  });

  it('rejects a name used twice by one provider', () => {
    const error = errorOf(() =>
      createModelCatalog(
        { version: 'v', models: [entry({ model: 'a' }), entry({ model: 'b', aliases: ['a'] })] },
        'test.json',
      ),
    );
    expect(error.message).toContain('models[1].aliases[0]: "a" already names openai/a');
  });
});

describe('toMicrosPerMillion', () => {
  it('removes float noise', () => {
    expect(toMicrosPerMillion(0.075)).toBe(75_000);
    expect(toMicrosPerMillion(0.028)).toBe(28_000);
    expect(toMicrosPerMillion(1.1)).toBe(1_100_000);
    expect(toMicrosPerMillion(null)).toBeNull();
    expect(toMicrosPerMillion(undefined)).toBeNull();
  });
});
