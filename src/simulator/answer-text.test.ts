import { encode } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import { applyStop, continuePrefix, quote, sizedText, tokenize, truncateTokens } from './answer-text.js';
import { createRandom } from './hash.js';
import { FILLER_WORDS } from './vocabulary.js';

describe('answer text', () => {
  it('uses filler words that are one o200k token each after a space', () => {
    for (const word of FILLER_WORDS) expect(encode(` ${word}`), word).toHaveLength(1);
  });

  it('sizes texts to exactly N tokens, ending with a period when grown', () => {
    for (const target of [1, 5, 24, 100]) {
      const text = sizedText('Simulated reply from demo:', createRandom(target), target);
      expect(encode(text), `target ${target}`).toHaveLength(target);
    }
    expect(sizedText('Simulated reply from demo:', createRandom(1), 30).endsWith('.')).toBe(true);
  });

  it('tokenizes into pieces that join back to the text, merging split multi-byte characters', () => {
    for (const text of ['Hello world, how are you?', 'naïve café 日本語 👍🏽 ok', '']) {
      const tokenized = tokenize(text);
      expect(tokenized.pieces.join('')).toBe(text);
      expect(tokenized.total).toBe(encode(text).length);
      expect(tokenized.tokens.reduce((sum, count) => sum + count, 0)).toBe(tokenized.total);
    }
  });

  it('truncates to whole pieces within the token budget', () => {
    const truncated = truncateTokens(tokenize('one two three four'), 2);
    expect(truncated).toEqual({ pieces: ['one', ' two'], tokens: [1, 1], total: 2 });
  });

  it('cuts before the earliest stop sequence', () => {
    expect(applyStop('alpha beta gamma', ['gamma', ' beta'])).toEqual({
      text: 'alpha',
      stopped: true,
      sequence: ' beta',
    });
    expect(applyStop('alpha', ['zeta'])).toEqual({ text: 'alpha', stopped: false });
  });

  it('continues a matching prefix exactly and a foreign one with fresh filler', () => {
    expect(continuePrefix('Simulated reply from demo: a b', 'Simulated re', createRandom(1), 5)).toBe(
      'ply from demo: a b',
    );
    const fresh = continuePrefix('Simulated reply', 'Something else', createRandom(1), 5);
    expect(encode(fresh)).toHaveLength(5);
    expect(fresh.startsWith(' ')).toBe(true);
  });

  it('quotes tool output on one short line', () => {
    expect(quote('a\n  b')).toBe('a b');
    expect(quote('x'.repeat(80))).toBe(`${'x'.repeat(60)}…`);
  });
});
