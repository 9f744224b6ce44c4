import { describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../catalog/catalog.js';
import { providerPresets, simulatorPlaceholderBaseUrl } from '../providers/presets/index.js';
import { ConfigError } from './config-error.js';
import { buildDemoConfiguration, demoModelNames, withSimulatorBaseUrl } from './demo.js';
import { loadConfigText } from './load.js';
import { resolveConfig } from './resolve.js';

const catalog = loadDefaultCatalog();

describe('buildDemoConfiguration', () => {
  const demo = buildDemoConfiguration({ dataDir: '/data', presets: providerPresets, catalog });

  it('is marked as the demo', () => {
    expect(demo.demo).toBe(true);
    expect(demo.source).toBe('demo');
    expect(demo.warnings).toEqual([]);
    expect(demo.store.path).toBe('/data/switchyard.db');
  });

  it('has a simulator provider per protocol, whose URLs are still placeholders', () => {
    expect([...demo.providers.keys()]).toEqual(['simulator', 'simulator-anthropic', 'simulator-gemini']);
    expect(demo.providers.get('simulator-anthropic')?.preset.protocol).toBe('anthropic-messages');
    expect(demo.providers.get('simulator-gemini')?.preset.protocol).toBe('gemini');
    expect(demo.providers.get('simulator')?.preset.id).toBe('simulator');
    expect(demo.providers.get('simulator')?.baseUrl).toBe(simulatorPlaceholderBaseUrl);
    expect(demo.providers.get('simulator')?.apiKey).toBeUndefined();
  });

  it('has an alias per catalogued demo model, and demo → demo-fast falling back to demo-smart', () => {
    expect([...demo.models.keys()]).toEqual([...demoModelNames, 'demo', 'demo-anthropic', 'demo-gemini']);
    expect(demo.models.get('demo-anthropic')?.targets).toEqual([
      { provider: 'simulator-anthropic', model: 'demo-smart', weight: 1 },
    ]);
    expect(demo.models.get('demo-gemini')?.targets).toEqual([
      { provider: 'simulator-gemini', model: 'demo-fast', weight: 1 },
    ]);
    for (const name of demoModelNames) {
      expect(demo.models.get(name)?.targets).toEqual([{ provider: 'simulator', model: name, weight: 1 }]);
      expect(catalog.find('simulator', name)).toBeDefined();
    }
    expect(demo.models.get('demo')?.targets).toEqual([
      { provider: 'simulator', model: 'demo-fast', weight: 1 },
    ]);
    expect(demo.models.get('demo')?.fallbacks).toEqual(['demo-smart']);
  });

  it('routes auto, the smart/balanced policy and the legal industry over the demo models', () => {
    expect(demo.routing.auto).toEqual({
      classes: {
        code: ['demo-smart'],
        reasoning: ['demo-reasoner'],
        summary: ['demo-fast'],
        long_context: ['demo-smart'],
        chat: ['demo-fast'],
      },
      premium: ['demo-smart'],
      premiumAbove: 0.7,
    });
    expect([...demo.routing.policies.values()]).toEqual([
      { name: 'smart/balanced', strategy: 'cost', models: ['demo-fast', 'demo-smart', 'demo-reasoner'] },
    ]);
    expect([...demo.routing.industries.values()]).toEqual([
      { tag: 'legal', preferred: ['demo-smart'], allowed: ['demo-smart', 'demo-reasoner'] },
    ]);
    expect(demo.routing.breaker).toEqual({ failureThreshold: 3, openMs: 10_000 });
    expect(demo.catalogFiles).toEqual([]);
  });

  it('gives each demo its own routing lists', () => {
    const other = buildDemoConfiguration({ dataDir: '/data', presets: providerPresets, catalog });
    other.routing.auto.classes.code.push('changed');
    expect(demo.routing.auto.classes.code).toEqual(['demo-smart']);
  });

  it('takes the simulator URL when it is already known', () => {
    const listening = buildDemoConfiguration({
      dataDir: '/data',
      presets: providerPresets,
      simulatorBaseUrl: 'http://127.0.0.1:41234/v1/',
    });
    expect(listening.providers.get('simulator')?.baseUrl).toBe('http://127.0.0.1:41234/v1');
  });
});

describe('withSimulatorBaseUrl', () => {
  it('fills placeholders only, leaving an explicitly configured simulator and other providers alone', () => {
    const raw = loadConfigText(
      'providers:\n  simulator: {}\n  external: { type: simulator, baseUrl: "http://sim.test:9000/v1" }\n  vllm: {}\n',
      {},
      'x.yaml',
    );
    const config = resolveConfig(raw, { env: {}, dataDir: '/data', presets: providerPresets });
    const filled = withSimulatorBaseUrl(config, 'http://127.0.0.1:5555/v1');
    expect(filled.providers.get('simulator')?.baseUrl).toBe('http://127.0.0.1:5555/v1');
    expect(filled.providers.get('external')?.baseUrl).toBe('http://sim.test:9000/v1');
    expect(filled.providers.get('vllm')?.baseUrl).toBe('http://localhost:8000/v1');
    // The input is not mutated.
    expect(config.providers.get('simulator')?.baseUrl).toBe(simulatorPlaceholderBaseUrl);
  });

  it('rejects a URL that is not http(s)', () => {
    const demo = buildDemoConfiguration({ dataDir: '/data', presets: providerPresets });
    expect(() => withSimulatorBaseUrl(demo, 'localhost:5555')).toThrow(ConfigError);
  });
});
