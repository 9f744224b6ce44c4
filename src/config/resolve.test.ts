// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are ${VAR} references under test, not templates
import { describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../catalog/catalog.js';
import { providerPresets } from '../providers/presets/index.js';
import type { Environment } from '../providers/presets/types.js';
import { ConfigError } from './config-error.js';
import { loadConfigText } from './load.js';
import { resolveConfig } from './resolve.js';
import type { ResolvedConfig } from './types.js';

const catalog = loadDefaultCatalog();
const knownTypes = [...providerPresets.keys()].join(', ');

function resolveText(text: string, env: Environment = {}): ResolvedConfig {
  return resolveConfig(loadConfigText(text, env, 'switchyard.yaml'), {
    env,
    dataDir: '/var/lib/switchyard',
    presets: providerPresets,
    catalog,
    source: 'switchyard.yaml',
    configDirectory: '/etc/switchyard',
  });
}

function issuesOf(text: string, env: Environment = {}): string[] {
  try {
    resolveText(text, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const example = `
store: { type: sqlite, path: ./.switchyard/switchyard.db }
providers:
  openai: { type: openai, apiKey: \${OPENAI_API_KEY} }
  local:  { type: vllm, baseUrl: http://10.0.0.5:8000/v1, apiKey: \${VLLM_KEY:-}, headers: { X-Team: a }, timeouts: { connectMs: 3000, headersMs: 30000 } }
models:
  fast:
    targets:
      - { provider: openai, model: gpt-4o-mini, weight: 2 }
      - { provider: local, model: meta-llama/Llama-3.1-8B-Instruct }
    fallbacks: [smart]
    retry: { attempts: 2 }
    timeouts: { ttftMs: 15000, idleMs: 30000, totalMs: 120000 }
  smart: { targets: [ { provider: openai, model: gpt-4o } ] }
`;

describe('resolveConfig', () => {
  it('resolves the documented example and fills every default', () => {
    const config = resolveText(example, { OPENAI_API_KEY: 'sk-test' });
    expect(config.server).toEqual({
      host: '127.0.0.1',
      port: 8080,
      maxBodyBytes: 10_485_760,
      requestTimeoutMs: 600_000,
      keepAliveTimeoutMs: 65_000,
    });
    expect(config.store).toEqual({ type: 'sqlite', path: '/etc/switchyard/.switchyard/switchyard.db' });
    expect(config.logging).toEqual({ level: 'info' });
    expect(config.demo).toBe(false);
    expect(config.source).toBe('switchyard.yaml');
    expect(config.warnings).toEqual([]);

    const openai = config.providers.get('openai');
    expect(openai?.preset.id).toBe('openai');
    expect(openai?.baseUrl).toBe('https://api.openai.com/v1');
    expect(openai?.apiKey?.reveal()).toBe('sk-test');
    expect(openai?.timeouts).toEqual({ connectMs: 5000, headersMs: 60_000, bodyMs: 60_000 });

    const local = config.providers.get('local');
    expect(local?.baseUrl).toBe('http://10.0.0.5:8000/v1');
    expect(local?.apiKey).toBeUndefined();
    expect(local?.headers).toEqual({ 'X-Team': 'a' });
    expect(local?.timeouts).toEqual({ connectMs: 3000, headersMs: 30_000, bodyMs: 60_000 });

    expect(config.models.get('fast')).toEqual({
      alias: 'fast',
      targets: [
        { provider: 'openai', model: 'gpt-4o-mini', weight: 2 },
        { provider: 'local', model: 'meta-llama/Llama-3.1-8B-Instruct', weight: 1 },
      ],
      fallbacks: ['smart'],
      retry: { attempts: 2, backoffMs: 250 },
      timeouts: { ttftMs: 15_000, idleMs: 30_000, totalMs: 120_000 },
      balance: 'weighted',
      rescue: true,
    });
    expect(config.models.get('smart')?.retry).toEqual({ attempts: 1, backoffMs: 250 });
    expect(config.models.get('smart')?.timeouts).toEqual({
      ttftMs: 30_000,
      idleMs: 60_000,
      totalMs: 600_000,
    });
  });

  it('names an unknown target provider and lists the known ones', () => {
    const text = example.replace('{ provider: local,', '{ provider: opnai,');
    expect(issuesOf(text, { OPENAI_API_KEY: 'k' })).toEqual([
      'models.fast.targets[1].provider: unknown provider "opnai" (known: openai, local)',
    ]);
  });

  it('names an unknown provider type and lists the presets', () => {
    expect(issuesOf('providers:\n  x: { type: foo }\n')).toEqual([
      `providers.x.type: unknown provider type "foo" (known: ${knownTypes})`,
    ]);
  });

  it('takes the type from the provider name, and says so when that fails', () => {
    expect(resolveText('providers:\n  groq: { apiKey: g }\n').providers.get('groq')?.preset.id).toBe('groq');
    expect(issuesOf('providers:\n  work: { apiKey: g }\n')).toEqual([
      `providers.work.type: required, since "work" is not a provider type (known: ${knownTypes})`,
    ]);
  });

  it('requires a key where the preset needs one, naming the variables to set', () => {
    expect(issuesOf('providers:\n  openai: {}\n  tog: { type: together }\n')).toEqual([
      'providers.openai.apiKey: provider type "openai" needs an API key (set apiKey, or the environment variable OPENAI_API_KEY)',
      'providers.tog.apiKey: provider type "together" needs an API key (set apiKey, or the environment variable TOGETHER_API_KEY or TOGETHER_AI_API_KEY)',
    ]);
    // An empty interpolated key is no key.
    expect(issuesOf('providers:\n  openai: { apiKey: "${K:-}" }\n')).toHaveLength(1);
  });

  it('falls back to the preset environment variables for key and base URL', () => {
    const config = resolveText('providers:\n  tog: { type: together }\n  box: { type: ollama }\n', {
      TOGETHER_AI_API_KEY: 'secondary',
      OLLAMA_HOST: 'gpu-box',
    });
    expect(config.providers.get('tog')?.apiKey?.reveal()).toBe('secondary');
    expect(config.providers.get('box')?.baseUrl).toBe('http://gpu-box:11434/v1');
  });

  it('prefers explicit settings over the environment', () => {
    const config = resolveText(
      'providers:\n  openai: { apiKey: explicit, baseUrl: "https://proxy.example.com/v1/" }\n',
      {
        OPENAI_API_KEY: 'from-env',
        OPENAI_BASE_URL: 'https://other.example.com/v1',
      },
    );
    expect(config.providers.get('openai')?.apiKey?.reveal()).toBe('explicit');
    expect(config.providers.get('openai')?.baseUrl).toBe('https://proxy.example.com/v1');
  });

  it('requires http(s) base URLs and says where a bad one came from', () => {
    expect(
      issuesOf(
        'providers:\n  a: { type: vllm, baseUrl: "ftp://host/v1" }\n  b: { type: vllm, baseUrl: "not a url" }\n',
      ),
    ).toEqual([
      'providers.a.baseUrl: "ftp://host/v1" is not a valid http(s) URL',
      'providers.b.baseUrl: "not a url" is not a valid http(s) URL',
    ]);
    expect(issuesOf('providers:\n  vllm: {}\n', { VLLM_BASE_URL: 'https://' })).toEqual([
      'providers.vllm.baseUrl: "https://" (from VLLM_BASE_URL) is not a valid http(s) URL',
    ]);
  });

  it('rejects invalid header names and values', () => {
    expect(issuesOf('providers:\n  vllm: { headers: { "bad name": x, X-Ok: "a\\nb" } }\n')).toEqual([
      'providers.vllm.headers["bad name"]: not a valid HTTP header name',
      'providers.vllm.headers.X-Ok: value contains a line break',
    ]);
  });

  it('requires positive weights', () => {
    const text =
      'providers:\n  vllm: {}\nmodels:\n  m: { targets: [ { provider: vllm, model: a, weight: 0 }, { provider: vllm, model: b, weight: -1.5 } ] }\n';
    expect(issuesOf(text)).toEqual([
      'models.m.targets[0].weight: must be a positive number (got 0)',
      'models.m.targets[1].weight: must be a positive number (got -1.5)',
    ]);
  });

  it('names unknown fallbacks', () => {
    const text =
      'providers:\n  vllm: {}\nmodels:\n  fast: { targets: [ { provider: vllm, model: a } ], fallbacks: [smrt] }\n  smart: { targets: [ { provider: vllm, model: b } ] }\n';
    expect(issuesOf(text)).toEqual(['models.fast.fallbacks[0]: unknown model "smrt" (known: fast, smart)']);
  });

  it('names each fallback cycle', () => {
    const model = (fallbacks: string) =>
      `{ targets: [ { provider: vllm, model: x } ], fallbacks: [${fallbacks}] }`;
    const text = [
      'providers:\n  vllm: {}\nmodels:',
      `  a: ${model('b')}`,
      `  b: ${model('c')}`,
      `  c: ${model('a')}`,
      `  d: ${model('d')}`,
      `  e: ${model('a')}`,
    ].join('\n');
    expect(issuesOf(text)).toEqual([
      'models.a.fallbacks: fallback cycle a → b → c → a',
      'models.d.fallbacks: fallback cycle d → d',
    ]);
  });

  it('collects every problem into one ConfigError with one line each', () => {
    const text = [
      'providers:',
      '  openai: {}',
      '  x: { type: foo }',
      'models:',
      '  fast: { targets: [ { provider: opnai, model: m, weight: 0 } ], fallbacks: [fast] }',
    ].join('\n');
    try {
      resolveText(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { issues, message } = error as ConfigError;
      expect(issues).toEqual([
        'providers.openai.apiKey: provider type "openai" needs an API key (set apiKey, or the environment variable OPENAI_API_KEY)',
        `providers.x.type: unknown provider type "foo" (known: ${knownTypes})`,
        'models.fast.targets[0].provider: unknown provider "opnai" (known: openai, x)',
        'models.fast.targets[0].weight: must be a positive number (got 0)',
        'models.fast.fallbacks: fallback cycle fast → fast',
      ]);
      expect(message.split('\n')).toEqual([
        'configuration switchyard.yaml is invalid (5 problems):',
        ...issues.map((issue) => `  ${issue}`),
      ]);
    }
  });

  it('warns about likely mistakes without failing', () => {
    const text = [
      'providers:',
      '  openai: { apiKey: k }',
      '  box: { type: vllm, baseUrl: "http://10.0.0.5:8000" }',
      '  ollama: { apiKey: ignored }',
      'models:',
      '  m:',
      '    targets: [ { provider: openai, model: gpt-4o-mni }, { provider: box, model: my-own-model } ]',
      '    timeouts: { ttftMs: 200000, totalMs: 100000 }',
    ].join('\n');
    expect(resolveText(text).warnings).toEqual([
      'providers.box.baseUrl: "http://10.0.0.5:8000" has no path, so requests go to http://10.0.0.5:8000/chat/completions; vLLM usually serves /v1/chat/completions',
      'providers.ollama.apiKey: ignored, Ollama takes no credential',
      'models.m.targets[0].model: "gpt-4o-mni" is not in the model catalog for openai, so its cost will be reported as unknown',
      'models.m.timeouts.ttftMs: 200000 exceeds totalMs 100000, so totalMs applies first',
    ]);
  });

  it('places the store in the data directory unless told otherwise', () => {
    expect(resolveText('').store.path).toBe('/var/lib/switchyard/switchyard.db');
    expect(resolveText('store: { path: /data/s.db }').store.path).toBe('/data/s.db');
    expect(resolveText('store: { path: ":memory:" }').store.path).toBe(':memory:');
  });

  it('applies server and logging settings', () => {
    const config = resolveText('server: { host: 0.0.0.0, port: 9000 }\nlogging: { level: debug }\n');
    expect(config.server).toMatchObject({ host: '0.0.0.0', port: 9000, maxBodyBytes: 10_485_760 });
    expect(config.logging.level).toBe('debug');
  });
});
