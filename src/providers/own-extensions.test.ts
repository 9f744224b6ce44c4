import { describe, expect, it } from 'vitest';
import type { CanonRequest } from '../canon/index.js';
import { foldOwnExtensions } from './own-extensions.js';

const base: CanonRequest = {
  model: 'm',
  messages: [],
  sampling: {},
  stream: false,
  streamUsage: false,
  vendor: {},
};

describe('foldOwnExtensions', () => {
  it("folds the entries naming the preset and the provider into the family's, the most specific winning", () => {
    const request = {
      ...base,
      ext: { openai: { a: 1, b: 1 }, groq: { b: 2, c: 2 }, 'my-groq': { c: 3 }, anthropic: { top_k: 5 } },
    };
    const folded = foldOwnExtensions(request, 'openai', ['groq', 'my-groq']);
    expect(folded.ext).toEqual({ openai: { a: 1, b: 2, c: 3 }, anthropic: { top_k: 5 } });
    expect(request.ext.groq).toEqual({ b: 2, c: 2 });
  });

  it('returns the request unchanged when nothing names this provider', () => {
    const request = { ...base, ext: { anthropic: { top_k: 5 } } };
    expect(foldOwnExtensions(request, 'openai', ['openai', 'sim'])).toBe(request);
    expect(foldOwnExtensions(base, 'gemini', ['gem'])).toBe(base);
  });
});
