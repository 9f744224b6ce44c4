// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are ${VAR} references under test, not templates
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfigFile, loadConfigText } from './load.js';

function issuesOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const example = `
server: { host: 127.0.0.1, port: 8080, maxBodyBytes: 10485760, requestTimeoutMs: 600000, keepAliveTimeoutMs: 65000 }
store: { type: sqlite, path: ./.switchyard/switchyard.db }
logging: { level: info }
providers:
  openai: { type: openai, apiKey: \${OPENAI_API_KEY} }
  local:  { type: vllm, baseUrl: http://10.0.0.5:8000/v1, apiKey: \${VLLM_KEY:-}, headers: { X-Team: a }, timeouts: { connectMs: 3000, headersMs: 30000, bodyMs: 60000 } }
models:
  fast:
    targets:
      - { provider: openai, model: gpt-4o-mini, weight: 2 }
      - { provider: local, model: meta-llama/Llama-3.1-8B-Instruct }
    fallbacks: [smart]
    retry: { attempts: 2, backoffMs: 200 }
    timeouts: { ttftMs: 15000, idleMs: 30000, totalMs: 120000 }
  smart: { targets: [ { provider: openai, model: gpt-4o } ] }
`;

describe('loadConfigText', () => {
  it('parses the documented example, flow-style references included', () => {
    const raw = loadConfigText(example, { OPENAI_API_KEY: 'sk-test' }, 'switchyard.yaml');
    expect(raw.providers?.openai).toEqual({ type: 'openai', apiKey: 'sk-test' });
    expect(raw.providers?.local?.apiKey).toBe('');
    expect(raw.providers?.local?.headers).toEqual({ 'X-Team': 'a' });
    expect(raw.models?.fast?.targets[0]).toEqual({ provider: 'openai', model: 'gpt-4o-mini', weight: 2 });
    expect(raw.models?.fast?.retry).toEqual({ attempts: 2, backoffMs: 200 });
    expect(raw.server?.port).toBe(8080);
  });

  it('interpolates after parsing, so values with YAML syntax in them stay values', () => {
    const raw = loadConfigText(
      'providers:\n  openai:\n    apiKey: ${KEY}\n',
      { KEY: 'a: [b], "c" # d' },
      'x.yaml',
    );
    expect(raw.providers?.openai?.apiKey).toBe('a: [b], "c" # d');
  });

  it('uses defaults and accepts digits from the environment for numbers', () => {
    const raw = loadConfigText('server:\n  port: ${PORT:-9090}\n  host: ${HOST:-0.0.0.0}\n', {}, 'x.yaml');
    expect(raw.server).toEqual({ port: 9090, host: '0.0.0.0' });
    expect(loadConfigText('server: { port: "${PORT}" }', { PORT: '7000' }, 'x.yaml').server?.port).toBe(7000);
  });

  it('names the path and the variable when a variable is unset', () => {
    expect(issuesOf(() => loadConfigText(example, {}, 'switchyard.yaml'))).toEqual([
      'providers.openai.apiKey: environment variable OPENAI_API_KEY is not set',
    ]);
  });

  it('rejects unknown keys with their full path', () => {
    const text = 'server: { prot: 1 }\nproviders:\n  openai: { type: openai, apikey: x }\ncache: {}\n';
    expect(issuesOf(() => loadConfigText(text, {}, 'x.yaml'))).toEqual([
      'server.prot: unknown key',
      'providers.openai.apikey: unknown key',
      'cache: unknown section (known: server, store, logging, providers, models, catalog, routing, governance, responses, translation)',
    ]);
  });

  it('collects every schema problem with paths like models.fast.targets[1].model', () => {
    const text = [
      'server: { port: abc }',
      'logging: { level: loud }',
      'models:',
      '  fast:',
      '    targets:',
      '      - { provider: openai, model: a }',
      '      - { provider: openai }',
      '    retry: { attempts: 0 }',
      '  empty: { targets: [] }',
    ].join('\n');
    expect(issuesOf(() => loadConfigText(text, {}, 'x.yaml'))).toEqual([
      'server.port: expected number, received string',
      'logging.level: expected one of "fatal"|"error"|"warn"|"info"|"debug"|"trace"|"silent"',
      'models.fast.targets[1].model: required (expected string)',
      'models.fast.retry.attempts: expected number to be >=1',
      'models.empty.targets: expected array to have >=1 items',
    ]);
  });

  it('reports both interpolation and schema problems, without doubling up on one path', () => {
    const text = 'server: { port: "${PORT}", host: 5 }\n';
    expect(issuesOf(() => loadConfigText(text, {}, 'x.yaml'))).toEqual([
      'server.port: environment variable PORT is not set',
      'server.host: expected string, received number',
    ]);
  });

  it('reports YAML syntax errors with file, line and column', () => {
    const issues = issuesOf(() => loadConfigText('server:\n  port: 1\n  port: 2\n', {}, 'switchyard.yaml'));
    expect(issues).toEqual(['switchyard.yaml:3:3: Map keys must be unique']);
    const broken = issuesOf(() => loadConfigText('models: [a, b\nserver: {', {}, 'switchyard.yaml'));
    expect(broken[0]).toMatch(/^switchyard\.yaml:2:\d+: /);
  });

  it('treats an empty file or empty section as not configured', () => {
    expect(loadConfigText('', {}, 'x.yaml')).toEqual({});
    expect(loadConfigText('# nothing yet\nmodels:\n', {}, 'x.yaml')).toEqual({});
  });

  it('rejects a document that is not a mapping', () => {
    expect(issuesOf(() => loadConfigText('- a\n- b\n', {}, 'x.yaml'))).toEqual([
      '(root): expected a mapping of sections (server, store, logging, providers, models, catalog, routing, governance, responses, translation)',
    ]);
  });

  it('puts the source name and every issue on its own line in the message', () => {
    try {
      loadConfigText('server: { prot: 1, port: x }', {}, 'switchyard.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toBe(
        'configuration switchyard.yaml is invalid (2 problems):\n' +
          '  server.port: expected number, received string\n' +
          '  server.prot: unknown key',
      );
    }
  });
});

describe('loadConfigFile', () => {
  const directory = mkdtempSync(join(tmpdir(), 'switchyard-config-'));

  it('reads a file', () => {
    const path = join(directory, 'ok.yaml');
    writeFileSync(path, 'logging: { level: debug }\n');
    expect(loadConfigFile(path, {})).toEqual({ logging: { level: 'debug' } });
  });

  it('names a missing file', () => {
    const path = join(directory, 'missing.yaml');
    expect(issuesOf(() => loadConfigFile(path, {}))).toEqual([`${path}: file not found`]);
  });

  it('names the file in YAML errors', () => {
    const path = join(directory, 'broken.yaml');
    writeFileSync(path, 'a: 1\na: 2\n');
    expect(issuesOf(() => loadConfigFile(path, {}))).toEqual([`${path}:2:1: Map keys must be unique`]);
  });

  it('names an unreadable path', () => {
    expect(issuesOf(() => loadConfigFile(directory, {}))[0]).toMatch(/: cannot read the file \(EISDIR\)$/);
  });
});
