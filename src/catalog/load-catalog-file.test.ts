import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from './catalog.js';
import { CatalogError } from './catalog-error.js';
import { loadCatalogFile, loadCatalogWithFiles } from './load-catalog-file.js';

const directory = mkdtempSync(join(tmpdir(), 'switchyard-catalog-'));

function write(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

function catalogErrorOf(action: () => unknown): CatalogError {
  try {
    action();
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error('expected a CatalogError');
}

const prices = write(
  'prices.json',
  JSON.stringify({
    version: 'mine',
    models: [
      {
        provider: 'vllm',
        model: 'my-finetune',
        inputPerMillion: 0.2,
        outputPerMillion: 0.6,
        contextWindow: 32_768,
        capabilities: { tools: true },
        quality: 70,
        priceDate: '2026-01-01',
      },
    ],
  }),
);

describe('loadCatalogFile', () => {
  it('reads JSON without validating it', () => {
    expect(loadCatalogFile(write('any.json', '{"version": 1}'))).toEqual({ version: 1 });
  });

  it('names a missing file', () => {
    const missing = join(directory, 'missing.json');
    const error = catalogErrorOf(() => loadCatalogFile(missing));
    expect(error.message).toBe(`model catalog ${missing} cannot be loaded:\n  file not found`);
    expect(error.sourceName).toBe(missing);
    expect(error.kind).toBe('internal');
  });

  it('names a file that is not JSON', () => {
    const broken = write('broken.json', '{ "version": ');
    const error = catalogErrorOf(() => loadCatalogFile(broken));
    expect(error.message).toContain(`model catalog ${broken} cannot be loaded:`);
    expect(error.problems[0]).toMatch(/^not valid JSON: /);
  });
});

describe('loadCatalogWithFiles', () => {
  it('lays the files over the bundled catalog', () => {
    const catalog = loadCatalogWithFiles([prices]);
    expect(catalog.version).toBe(`${loadDefaultCatalog().version}+1`);
    expect(catalog.find('vllm', 'my-finetune')?.price.outputMicrosPerMillion).toBe(600_000);
    expect(catalog.find('openai', 'gpt-4o')).toBeDefined();
  });

  it('is the bundled catalog itself when there are no files', () => {
    const base = loadDefaultCatalog();
    expect(loadCatalogWithFiles([], base)).toBe(base);
  });
});
