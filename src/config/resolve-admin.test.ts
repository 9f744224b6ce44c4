// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are ${VAR} references under test, not templates
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfiguration } from './index.js';

const directory = mkdtempSync(join(tmpdir(), 'switchyard-admin-config-'));
const goodKey = 'admin-key-0123456789abcdef';

function configFile(text: string): string {
  const path = join(directory, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, `providers:\n  sim: { type: simulator }\n${text}`);
  return path;
}

describe('admin key configuration', () => {
  it('reads admin.key with ${SWITCHYARD_ADMIN_KEY} interpolation, as a redacted secret', () => {
    const config = loadConfiguration({
      configPath: configFile('admin:\n  key: ${MY_ADMIN}\n'),
      env: { MY_ADMIN: goodKey, SWITCHYARD_ADMIN_KEY: 'ignored-because-configured' },
      dataDir: directory,
    });
    expect(config.admin.key?.reveal()).toBe(goodKey);
    expect(JSON.stringify(config.admin)).not.toContain(goodKey);
  });

  it('falls back to SWITCHYARD_ADMIN_KEY for files, environment providers and the demo', () => {
    const env = { SWITCHYARD_ADMIN_KEY: goodKey };
    const file = loadConfiguration({ configPath: configFile(''), env, dataDir: directory });
    expect(file.admin.key?.reveal()).toBe(goodKey);
    const environment = loadConfiguration({ env: { ...env, OPENAI_API_KEY: 'sk-x' }, dataDir: directory });
    expect(environment.admin.key?.reveal()).toBe(goodKey);
    const demo = loadConfiguration({ env, dataDir: directory });
    expect(demo.demo).toBe(true);
    expect(demo.admin.key?.reveal()).toBe(goodKey);
  });

  it('has no admin key when none is configured or the variable is empty', () => {
    expect(loadConfiguration({ env: {}, dataDir: directory }).admin.key).toBeUndefined();
    expect(
      loadConfiguration({ env: { SWITCHYARD_ADMIN_KEY: '' }, dataDir: directory }).admin.key,
    ).toBeUndefined();
  });

  it('refuses short keys and stray whitespace, naming where the key came from but not the key', () => {
    const short = () =>
      loadConfiguration({ configPath: configFile('admin: { key: short }\n'), env: {}, dataDir: directory });
    expect(short).toThrow(ConfigError);
    expect(short).toThrow(/admin\.key: the admin key must be at least 16 characters/);
    const spaced = () =>
      loadConfiguration({ env: { SWITCHYARD_ADMIN_KEY: ` ${goodKey}` }, dataDir: directory });
    expect(spaced).toThrow(/SWITCHYARD_ADMIN_KEY: the admin key must not start or end with whitespace/);
    const unknown = () =>
      loadConfiguration({ configPath: configFile('admin: { keys: x }\n'), env: {}, dataDir: directory });
    expect(unknown).toThrow(/admin\.keys: unknown key/);
  });
});
