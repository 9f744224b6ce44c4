import { describe, expect, it } from 'vitest';
import { findFallbackCycles } from './find-fallback-cycles.js';

function graph(edges: Record<string, string[]>): Map<string, string[]> {
  return new Map(Object.entries(edges));
}

describe('findFallbackCycles', () => {
  it('finds nothing in a chain or a diamond', () => {
    expect(findFallbackCycles(graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }))).toEqual([]);
  });

  it('finds a self-loop', () => {
    expect(findFallbackCycles(graph({ a: ['a'] }))).toEqual([['a', 'a']]);
  });

  it('reports a cycle once, from the first member the walk reaches', () => {
    expect(findFallbackCycles(graph({ x: ['b'], a: ['b'], b: ['c'], c: ['a'] }))).toEqual([
      ['b', 'c', 'a', 'b'],
    ]);
  });

  it('finds separate cycles', () => {
    expect(findFallbackCycles(graph({ a: ['b'], b: ['a'], c: ['d'], d: ['c'] }))).toEqual([
      ['a', 'b', 'a'],
      ['c', 'd', 'c'],
    ]);
  });

  it('ignores edges to unknown models', () => {
    expect(findFallbackCycles(graph({ a: ['missing'] }))).toEqual([]);
  });
});
