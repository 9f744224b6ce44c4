import { describe, expect, it } from 'vitest';
import { createModelCatalog, loadDefaultCatalog } from './catalog.js';
import { CatalogError } from './catalog-error.js';
import { mergeCatalogs } from './merge-catalogs.js';

const bundled = loadDefaultCatalog();

function entry(provider: string, model: string, overrides: Record<string, unknown> = {}) {
  return {
    provider,
    model,
    inputPerMillion: 1,
    outputPerMillion: 2,
    contextWindow: 8192,
    capabilities: { tools: true },
    priceDate: '2026-01-01',
    ...overrides,
  };
}

function document(models: unknown[]) {
  return { version: 'extra', models };
}

describe('mergeCatalogs', () => {
  it('returns the base unchanged when there is nothing to merge', () => {
    expect(mergeCatalogs(bundled, [])).toBe(bundled);
  });

  it('replaces same provider+model entries in place, appends new ones, and counts the files in the version', () => {
    const merged = mergeCatalogs(bundled, [
      {
        document: document([entry('openai', 'gpt-4o', { inputPerMillion: 1.5, quality: 90 })]),
        sourceName: 'a.json',
      },
      { document: document([entry('vllm', 'my-finetune', { quality: 70 })]), sourceName: 'b.json' },
    ]);
    expect(merged.version).toBe(`${bundled.version}+2`);
    const all = merged.all();
    expect(all).toHaveLength(bundled.all().length + 1);
    expect(all[0]?.model).toBe('gpt-4o');
    expect(all[0]?.price.inputMicrosPerMillion).toBe(1_500_000);
    expect(all.at(-1)?.model).toBe('my-finetune');
    expect(merged.find('openai', 'gpt-4o')?.quality).toBe(90);
    expect(merged.find('vllm', 'my-finetune')?.quality).toBe(70);
    expect(merged.findByModel('my-finetune').map((each) => each.provider)).toEqual(['vllm']);
    // Untouched entries are still there, and the base itself did not change.
    expect(merged.find('groq', 'llama-3.1-8b-instant')?.quality).toBe(45);
    expect(bundled.find('openai', 'gpt-4o')?.price.inputMicrosPerMillion).toBe(2_500_000);
  });

  it('lets a later file win over an earlier one, and drops the replaced entry’s old aliases', () => {
    const merged = mergeCatalogs(bundled, [
      { document: document([entry('openai', 'gpt-4o', { inputPerMillion: 3 })]), sourceName: 'a.json' },
      { document: document([entry('openai', 'gpt-4o', { inputPerMillion: 4 })]), sourceName: 'b.json' },
    ]);
    expect(merged.find('openai', 'gpt-4o')?.price.inputMicrosPerMillion).toBe(4_000_000);
    expect(merged.findByModel('gpt-4o')).toHaveLength(1);
    // The bundled entry's dated alias belonged to the entry that was replaced.
    expect(merged.find('openai', 'gpt-4o-2024-08-06')).toBeUndefined();
  });

  it('gives a name claimed by two entries of one provider to the later file', () => {
    const merged = mergeCatalogs(bundled, [
      { document: document([entry('openai', 'gpt-4o-2024-08-06')]), sourceName: 'a.json' },
    ]);
    expect(merged.find('openai', 'gpt-4o-2024-08-06')?.model).toBe('gpt-4o-2024-08-06');
    expect(merged.find('openai', 'gpt-4o')?.model).toBe('gpt-4o');
    expect(merged.findByModel('gpt-4o-2024-08-06').map((each) => each.model)).toEqual(['gpt-4o-2024-08-06']);
  });

  it('keeps a merged base’s name assignments when merged again', () => {
    // gpt-4o (first in the file) takes over gpt-4o-mini's dated alias, which comes later in order.
    const first = mergeCatalogs(bundled, [
      {
        document: document([entry('openai', 'gpt-4o', { aliases: ['gpt-4o-mini-2024-07-18'] })]),
        sourceName: 'a.json',
      },
    ]);
    expect(first.find('openai', 'gpt-4o-mini-2024-07-18')?.model).toBe('gpt-4o');
    const second = mergeCatalogs(first, [{ document: document([entry('vllm', 'x')]), sourceName: 'b.json' }]);
    expect(second.find('openai', 'gpt-4o-mini-2024-07-18')?.model).toBe('gpt-4o');
    expect(second.findByModel('gpt-4o-mini-2024-07-18').map((each) => each.model)).toEqual(['gpt-4o']);
    expect(second.version).toBe(`${bundled.version}+1+1`);
  });

  it('validates each document and names its source', () => {
    let caught: unknown;
    try {
      mergeCatalogs(bundled, [
        { document: document([entry('vllm', 'x', { quality: 101 })]), sourceName: '/etc/prices.json' },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CatalogError);
    expect((caught as CatalogError).message).toContain('model catalog /etc/prices.json is invalid:');
    expect((caught as CatalogError).problems).toEqual([
      'models[0].quality: Too big: expected number to be <=100',
    ]);
  });

  it('loads a generated catalog of 10,000 entries quickly, with constant-time lookups', () => {
    const models = Array.from({ length: 10_000 }, (_, index) =>
      entry(`provider-${index % 10}`, `model-${index}`, { aliases: [`model-${index}-latest`] }),
    );
    const started = performance.now();
    const merged = mergeCatalogs(bundled, [{ document: document(models), sourceName: 'big.json' }]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(merged.all()).toHaveLength(bundled.all().length + 10_000);

    // 100,000 lookups: a linear scan over 10,000 entries would take billions of steps.
    const lookupsStarted = performance.now();
    let found = 0;
    for (let round = 0; round < 10; round += 1) {
      for (let index = 0; index < 10_000; index += 1) {
        if (merged.find(`provider-${index % 10}`, `model-${index}-latest`)) found += 1;
        if (merged.findByModel(`model-${index}`).length === 1) found += 1;
      }
    }
    expect(found).toBe(200_000);
    expect(performance.now() - lookupsStarted).toBeLessThan(500);
  });

  it('keeps quality null where a document does not state it', () => {
    const merged = mergeCatalogs(createModelCatalog(document([]), 'empty.json'), [
      { document: document([entry('vllm', 'x')]), sourceName: 'a.json' },
    ]);
    expect(merged.find('vllm', 'x')?.quality).toBeNull();
    expect(merged.version).toBe('extra+1');
  });
});
