import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issuesOfYaml, resolveYaml } from './test-helpers.js';

const directory = mkdtempSync(join(tmpdir(), 'switchyard-catalog-files-'));
mkdirSync(join(directory, 'prices'));

function entry(provider: string, model: string, inputPerMillion: number): Record<string, unknown> {
  return {
    provider,
    model,
    inputPerMillion,
    outputPerMillion: inputPerMillion * 4,
    contextWindow: 32_768,
    capabilities: { tools: true },
    quality: 70,
    priceDate: '2026-01-01',
  };
}

function writeCatalog(name: string, models: unknown[]): string {
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify({ version: 'test', models }));
  return path;
}

const mine = writeCatalog('prices/mine.json', [entry('vllm', 'my-finetune', 0.2)]);
const cheaperGroq = writeCatalog('cheaper-groq.json', [entry('groq', 'llama-3.3-70b-versatile', 0.1)]);
writeFileSync(join(directory, 'broken.json'), '{ "version": ');
writeCatalog('invalid.json', [{ ...entry('vllm', 'x', 1), inputPerMillion: -1 }]);

describe('catalog.files', () => {
  it('defaults to no files', () => {
    expect(resolveYaml('').catalogFiles).toEqual([]);
  });

  it('resolves files relative to the config folder, in order, and keeps absolute ones', () => {
    const config = resolveYaml(`catalog: { files: [./prices/mine.json, ${cheaperGroq}] }\n`, {
      configDirectory: directory,
    });
    expect(config.catalogFiles).toEqual([mine, cheaperGroq]);
  });

  it('lets routing name a model that only an extra file knows', () => {
    const text = [
      'catalog: { files: [prices/mine.json] }',
      'providers:\n  vllm: {}',
      'routing:\n  auto: { premium: [my-finetune] }',
    ].join('\n');
    expect(resolveYaml(text, { configDirectory: directory }).routing.auto.premium).toEqual(['my-finetune']);
    expect(
      issuesOfYaml(text.replace('prices/mine.json', cheaperGroq), { configDirectory: directory }),
    ).toEqual([
      'routing.auto.premium[0]: unknown model "my-finetune" (not an alias, not provider/model of a configured provider, not in the catalog)',
    ]);
  });

  it('names a missing file, a folder, broken JSON and an invalid catalog, each under its own path', () => {
    const text =
      'catalog: { files: [./my-prices.json, prices, broken.json, invalid.json, prices/mine.json] }\n';
    const issues = issuesOfYaml(text, { configDirectory: directory });
    expect(issues).toHaveLength(4);
    expect(issues[0]).toBe(`catalog.files[0]: ${join(directory, 'my-prices.json')}: file not found`);
    expect(issues[1]).toBe(`catalog.files[1]: ${join(directory, 'prices')}: cannot read the file (EISDIR)`);
    expect(issues[2]).toContain(`catalog.files[2]: ${join(directory, 'broken.json')}: not valid JSON: `);
    expect(issues[3]).toContain(
      `catalog.files[3]: ${join(directory, 'invalid.json')}: models[0].inputPerMillion: `,
    );
  });

  it('rejects a catalog section with unknown keys', () => {
    expect(issuesOfYaml('catalog: { file: [a.json] }\n')).toEqual(['catalog.file: unknown key']);
  });
});
