import { encode } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import type { CanonRequest } from '../canon/index.js';
import { countTextTokens, estimatePromptTokens, guessPromptTokens } from './estimate-tokens.js';
import { TokenCountMemo } from './token-count-memo.js';

function chat(...texts: string[]): CanonRequest {
  return {
    model: 'fast',
    messages: texts.map((text) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] })),
    sampling: {},
    stream: false,
    streamUsage: false,
    vendor: {},
  };
}

describe('estimatePromptTokens', () => {
  it('counts every message with the o200k tokenizer plus chat framing', async () => {
    const long = 'The quick brown fox jumps over the lazy dog. '.repeat(4);
    const expected = 3 + (3 + encode('hello there').length) + (3 + encode(long).length);
    expect(await estimatePromptTokens(chat('hello there', long))).toBe(expected);
    // A second count of the same texts (served from memory) gives the same figure.
    expect(await estimatePromptTokens(chat('hello there', long))).toBe(expected);
  });

  it('counts special-token markers as text instead of throwing', async () => {
    const text = 'Please explain what <|endoftext|> and <|im_start|> mean in a prompt.';
    const tokens = await countTextTokens(text);
    expect(tokens).toBeGreaterThan(10);
    await expect(estimatePromptTokens(chat(text))).resolves.toBe(3 + 3 + tokens);
  });
});

describe('TokenCountMemo', () => {
  const counting = () => {
    const seen: string[] = [];
    const count = (text: string) => {
      seen.push(text);
      return text.length;
    };
    return { seen, count };
  };

  it('counts a text once while it is remembered', () => {
    const memo = new TokenCountMemo(10, 1_000, 2);
    const { seen, count } = counting();
    expect(memo.count('abcd', count)).toBe(4);
    expect(memo.count('abcd', count)).toBe(4);
    expect(seen).toEqual(['abcd']);
  });

  it('does not remember texts shorter than the minimum or longer than half the character cap', () => {
    const memo = new TokenCountMemo(10, 10, 3);
    const { seen, count } = counting();
    memo.count('ab', count);
    memo.count('ab', count);
    memo.count('abcdef', count);
    memo.count('abcdef', count);
    expect(seen).toEqual(['ab', 'ab', 'abcdef', 'abcdef']);
    expect(memo.size).toBe(0);
  });

  it('keeps texts used again and forgets texts not seen for two generations', () => {
    // Two generations of two entries each.
    const memo = new TokenCountMemo(4, 1_000, 1);
    const { seen, count } = counting();
    memo.count('a1', count);
    memo.count('b1', count); // young full: {a1, b1} becomes the old generation
    memo.count('a1', count); // found in the old generation, moved back to the young one
    memo.count('c1', count); // young {a1, c1} full: becomes old, {a1, b1} is dropped
    memo.count('a1', count);
    memo.count('c1', count);
    memo.count('b1', count);
    expect(seen).toEqual(['a1', 'b1', 'c1', 'b1']);
    expect(memo.size).toBeLessThanOrEqual(4);
  });

  it('starts a new generation when the characters held reach the cap', () => {
    // Generations of at most 5 characters.
    const memo = new TokenCountMemo(100, 10, 1);
    const { seen, count } = counting();
    memo.count('aaa', count);
    memo.count('bbb', count); // 6 characters: {aaa, bbb} becomes old
    memo.count('ccc', count);
    memo.count('ddd', count); // {ccc, ddd} becomes old; aaa and bbb are forgotten
    memo.count('aaa', count);
    memo.count('ccc', count);
    expect(seen).toEqual(['aaa', 'bbb', 'ccc', 'ddd', 'aaa']);
  });
});

describe('guessPromptTokens', () => {
  it('guesses generously (about twice the real count for English) and never below the exact count here', async () => {
    const samples = [
      'The quick brown fox jumps over the lazy dog. '.repeat(20),
      'function add(a, b) { return a + b; } // sum two numbers\n'.repeat(10),
      '1234567890 '.repeat(30),
      '東京は日本の首都です。'.repeat(10),
    ];
    for (const text of samples) {
      const request = chat(text);
      const exact = await estimatePromptTokens(request);
      const guess = guessPromptTokens(request);
      expect(guess).toBeGreaterThanOrEqual(exact);
      expect(guess).toBeLessThan(exact * 4);
    }
  });
});
