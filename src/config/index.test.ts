// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are ${VAR} references under test, not templates
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfiguration, loadConfiguration } from './index.js';

const directory = mkdtempSync(join(tmpdir(), 'switchyard-configuration-'));

function writeConfig(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

describe('loadConfiguration', () => {
  it('uses the file when a path is given, even if the environment has keys', () => {
    const path = writeConfig(
      'a.yaml',
      'providers:\n  groq: { apiKey: "${GROQ_API_KEY}" }\nstore: { path: db/s.db }\n',
    );
    const config = loadConfiguration({
      configPath: path,
      env: { GROQ_API_KEY: 'g', OPENAI_API_KEY: 'o' },
      dataDir: '/data',
    });
    expect(config.source).toBe(path);
    expect(config.demo).toBe(false);
    expect([...config.providers.keys()]).toEqual(['groq']);
    expect(config.store.path).toBe(join(directory, 'db/s.db'));
  });

  it('fails on a missing file instead of falling back', () => {
    expect(() =>
      loadConfiguration({ configPath: join(directory, 'nope.yaml'), env: {}, dataDir: '/data' }),
    ).toThrow(ConfigError);
  });

  it('builds providers from the environment when there is no file', () => {
    const config = loadConfiguration({
      env: { OPENAI_API_KEY: 'sk-env', OLLAMA_HOST: '127.0.0.1:11434' },
      dataDir: '/data',
    });
    expect(config.source).toBe('environment');
    expect(config.demo).toBe(false);
    expect([...config.providers.keys()]).toEqual(['openai', 'ollama']);
    expect(config.providers.get('openai')?.baseUrl).toBe('https://api.openai.com/v1');
    expect(config.providers.get('openai')?.apiKey?.reveal()).toBe('sk-env');
    expect(config.providers.get('ollama')?.baseUrl).toBe('http://127.0.0.1:11434/v1');
    expect(config.models.size).toBe(0);
    expect(config.routing.auto.classes.chat).toEqual([]);
    expect(config.routing.policies.size).toBe(0);
    expect(config.routing.cooldowns).toEqual({ rateLimitMs: 10_000, authMs: 300_000 });
    expect(config.catalogFiles).toEqual([]);
  });

  it('reports a bad environment value as a configuration error naming the variable', () => {
    expect(() => loadConfiguration({ env: { VLLM_BASE_URL: 'ftp://gpu' }, dataDir: '/data' })).toThrow(
      /providers\.vllm\.baseUrl: "ftp:\/\/gpu" \(from VLLM_BASE_URL\) is not a valid http\(s\) URL/,
    );
  });

  it('falls back to the demo when nothing is configured', () => {
    const config = loadConfiguration({
      env: { HOME: '/home/u' },
      dataDir: '/data',
      simulatorBaseUrl: 'http://127.0.0.1:4000/v1',
    });
    expect(config.demo).toBe(true);
    expect(config.source).toBe('demo');
    expect(config.providers.get('simulator')?.baseUrl).toBe('http://127.0.0.1:4000/v1');
    expect(config.models.has('demo')).toBe(true);
  });
});

describe('describeConfiguration', () => {
  it('summarises providers and models without revealing keys', () => {
    const path = writeConfig(
      'b.yaml',
      [
        'providers:',
        '  openai: { apiKey: sk-very-secret }',
        '  local: { type: vllm, baseUrl: "http://10.0.0.5:8000/v1" }',
        '  ollama: {}',
        'models:',
        '  fast:',
        '    targets: [ { provider: openai, model: gpt-4o-mini, weight: 2 }, { provider: local, model: llama } ]',
        '    fallbacks: [smart]',
        '    retry: { attempts: 3 }',
        '  smart: { targets: [ { provider: openai, model: gpt-4o } ] }',
      ].join('\n'),
    );
    const lines = describeConfiguration(loadConfiguration({ configPath: path, env: {}, dataDir: '/data' }));
    expect(lines).toEqual([
      `source: ${path}`,
      'server: http://127.0.0.1:8080',
      'store: sqlite at /data/switchyard.db',
      'admin API: disabled (set SWITCHYARD_ADMIN_KEY or admin.key to enable /admin/v1)',
      'providers (3):',
      '  openai (openai): https://api.openai.com/v1, key set',
      '  local (vllm): http://10.0.0.5:8000/v1, no key set',
      '  ollama (ollama): http://localhost:11434/v1, no key needed',
      'models (2):',
      '  fast → openai/gpt-4o-mini (weight 2), local/llama (weight 1); fallbacks: smart; 3 tries per target',
      '  smart → openai/gpt-4o',
      'routing:',
      '  auto: every class chooses by its default strategy',
      '  policies: none',
      '  industries: none',
      '  breaker: opens after 3 consecutive failures, for 10000 ms',
    ]);
    expect(lines.join('\n')).not.toContain('sk-very-secret');
  });

  it('summarises routing and per-model routing settings', () => {
    const path = writeConfig(
      'routing.yaml',
      [
        'providers:',
        '  openai: { apiKey: sk-very-secret }',
        'models:',
        '  fast:',
        '    targets: [ { provider: openai, model: gpt-4o-mini }, { provider: openai, model: gpt-4.1-nano } ]',
        '    balance: latency',
        '    hedge: { afterMs: 800 }',
        '    rescue: false',
        '  smart: { targets: [ { provider: openai, model: gpt-4.1 } ] }',
        'routing:',
        '  auto: { classes: { code: [smart, openai/o4-mini], chat: [fast] }, premium: [smart], premiumAbove: 0.8 }',
        '  policies:',
        '    smart/balanced: { strategy: cost, models: [fast, smart], maxPricePerMillion: 5 }',
        '    best: { strategy: quality }',
        '  industries:',
        '    legal: { preferred: [smart] }',
        '  breaker: { failureThreshold: 4, openMs: 15000 }',
      ].join('\n'),
    );
    const lines = describeConfiguration(loadConfiguration({ configPath: path, env: {}, dataDir: '/data' }));
    expect(lines.slice(lines.indexOf('models (2):'))).toEqual([
      'models (2):',
      '  fast → openai/gpt-4o-mini, openai/gpt-4.1-nano; balance: latency; hedge after 800 ms; no stream rescue',
      '  smart → openai/gpt-4.1',
      'routing:',
      '  auto: code → smart, openai/o4-mini; chat → fast',
      '  auto premium (complexity above 0.8): smart',
      '  policies (2):',
      '    smart/balanced: cost over fast, smart, at most $5 per million',
      '    best: quality over every model',
      '  industries (1):',
      '    legal: preferred smart; allowed any model',
      '  breaker: opens after 4 consecutive failures, for 15000 ms',
    ]);
    expect(lines.join('\n')).not.toContain('sk-very-secret');
  });

  it('mentions the demo policies', () => {
    const lines = describeConfiguration(loadConfiguration({ env: {}, dataDir: '/data' }));
    expect(lines).toContain('    smart/balanced: cost over demo-fast, demo-smart, demo-reasoner');
    expect(lines).toContain('    legal: preferred demo-smart; allowed demo-smart, demo-reasoner');
  });

  it('says plainly when answers come from the simulator, and lists warnings', () => {
    const demoLines = describeConfiguration(loadConfiguration({ env: {}, dataDir: '/data' }));
    expect(demoLines[1]).toBe(
      'demo mode: no provider is configured, answers come from the built-in simulator',
    );
    const environmentLines = describeConfiguration(
      loadConfiguration({ env: { GROQ_API_KEY: 'g' }, dataDir: '/data' }),
    );
    expect(environmentLines).toContain('  none; use provider/model names, e.g. openai/gpt-4o-mini');
    const warned = writeConfig('c.yaml', 'providers:\n  vllm: { baseUrl: "http://gpu:8000" }\n');
    expect(
      describeConfiguration(loadConfiguration({ configPath: warned, env: {}, dataDir: '/data' })),
    ).toContain('warnings (1):');
  });
});
