import { describe, expect, it } from 'vitest';
import { foldCode, hashWord, pairKey, WordTable } from './word-table.js';

describe('WordTable', () => {
  it('stores and accumulates flags by key, and returns 0 for unknown keys', () => {
    const table = new WordTable(8);
    table.add(hashWord('summary'), 1);
    table.add(hashWord('summary'), 4);
    table.add(pairKey(hashWord('how'), hashWord('many')), 2);
    expect(table.get(hashWord('summary'))).toBe(5);
    expect(table.get(pairKey(hashWord('how'), hashWord('many')))).toBe(2);
    expect(table.get(pairKey(hashWord('many'), hashWord('how')))).toBe(0);
    expect(table.get(hashWord('elephant'))).toBe(0);
  });

  it('keeps working when keys collide on a slot (linear probing)', () => {
    const table = new WordTable(4);
    for (let key = 1; key <= 3; key++) table.add(key * 4, key);
    for (let key = 1; key <= 3; key++) expect(table.get(key * 4)).toBe(key);
    expect(table.get(16)).toBe(0);
  });

  it('hashes case-insensitively and folds the typographic apostrophe', () => {
    expect(hashWord('Python')).toBe(hashWord('python'));
    expect(hashWord('let’s')).toBe(hashWord("let's"));
    expect(foldCode(65)).toBe(97);
    expect(hashWord('code')).not.toBe(hashWord('node'));
  });
});
