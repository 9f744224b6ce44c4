import { encode } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import type { CanonRequest } from '../canon/index.js';
import { countTextTokens, estimatePromptTokens } from './estimate-tokens.js';
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

  it('does not remember texts shorter than the minimum or longer than the character cap', () => {
    const memo = new TokenCountMemo(10, 5, 3);
    const { seen, count } = counting();
    memo.count('ab', count);
    memo.count('ab', count);
    memo.count('abcdef', count);
    memo.count('abcdef', count);
    expect(seen).toEqual(['ab', 'ab', 'abcdef', 'abcdef']);
    expect(memo.size).toBe(0);
  });

  it('drops the least recently used text over the entry cap', () => {
    const memo = new TokenCountMemo(2, 1_000, 1);
    const { seen, count } = counting();
    memo.count('a1', count);
    memo.count('b1', count);
    memo.count('a1', count); // a1 is now the most recent
    memo.count('c1', count); // evicts b1
    memo.count('a1', count);
    memo.count('b1', count);
    expect(seen).toEqual(['a1', 'b1', 'c1', 'b1']);
    expect(memo.size).toBe(2);
  });

  it('drops old texts to stay under the character cap', () => {
    const memo = new TokenCountMemo(100, 10, 1);
    const { seen, count } = counting();
    memo.count('aaaa', count);
    memo.count('bbbb', count);
    memo.count('cccc', count); // 12 characters: aaaa goes
    memo.count('bbbb', count);
    memo.count('aaaa', count);
    expect(seen).toEqual(['aaaa', 'bbbb', 'cccc', 'aaaa']);
  });
});
