import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildKeyHint,
  generateVirtualKey,
  hashSecret,
  isLookupId,
  lookupIdFromHint,
  parseVirtualKey,
  randomBase62,
  secretMatches,
} from './virtual-key-format.js';

describe('virtual key format', () => {
  it('generates sy_<12>_<40> base62 keys that parse back into their parts', () => {
    for (let round = 0; round < 200; round += 1) {
      const generated = generateVirtualKey();
      expect(generated.key).toMatch(/^sy_[0-9A-Za-z]{12}_[0-9A-Za-z]{40}$/);
      expect(generated.key).toBe(`sy_${generated.lookupId}_${generated.secret}`);
      expect(parseVirtualKey(generated.key)).toEqual({
        lookupId: generated.lookupId,
        secret: generated.secret,
      });
    }
  });

  it('does not repeat keys', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateVirtualKey().key));
    expect(keys.size).toBe(1000);
  });

  it('draws every base62 character with roughly equal frequency', () => {
    const counts = new Map<string, number>();
    const sample = randomBase62(62_000);
    for (const character of sample) counts.set(character, (counts.get(character) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // Expected 1000 each; modulo bias would push the first 8 characters to ~1250.
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(170);
  });

  it.each([
    ['empty', ''],
    ['wrong prefix', `sk_${'a'.repeat(12)}_${'b'.repeat(40)}`],
    ['upper-case prefix', `SY_${'a'.repeat(12)}_${'b'.repeat(40)}`],
    ['short lookup id', `sy_${'a'.repeat(11)}_${'b'.repeat(41)}`],
    ['short secret', `sy_${'a'.repeat(12)}_${'b'.repeat(39)}`],
    ['long secret', `sy_${'a'.repeat(12)}_${'b'.repeat(41)}`],
    ['non-base62 character', `sy_${'a'.repeat(12)}_${'b'.repeat(39)}-`],
    ['dot separator', `sy_${'a'.repeat(12)}.${'b'.repeat(40)}`],
    ['surrounding space', ` sy_${'a'.repeat(12)}_${'b'.repeat(39)}`],
    ['trailing newline', `sy_${'a'.repeat(12)}_${'b'.repeat(39)}\n`],
    ['bearer prefix left on', `Bearer sy_${'a'.repeat(12)}_${'b'.repeat(40)}`],
    ['non-ascii', `sy_${'a'.repeat(12)}_${'b'.repeat(39)}é`],
    ['huge input', 'x'.repeat(1_000_000)],
  ])('rejects a malformed key (%s)', (_label, text) => {
    expect(parseVirtualKey(text)).toBeUndefined();
  });

  it('hashes with sha256 hex and matches only the right secret', () => {
    const { secret } = generateVirtualKey();
    const hash = hashSecret(secret);
    expect(hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(secretMatches(secret, hash)).toBe(true);
    // Change the last character (to 'x', or to 'y' when it already is 'x': a random secret ends in 'x' 1 time in 62).
    const altered = `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`;
    expect(secretMatches(altered, hash)).toBe(false);
    expect(secretMatches(secret, hash.slice(0, 62))).toBe(false);
    expect(secretMatches(secret, 'not hex')).toBe(false);
  });

  it('builds hints that show only the last four secret characters and lead back to the id', () => {
    const { lookupId, secret } = generateVirtualKey();
    const hint = buildKeyHint(lookupId, secret);
    expect(hint).toBe(`sy_${lookupId}_…${secret.slice(-4)}`);
    expect(hint).not.toContain(secret.slice(0, 8));
    expect(lookupIdFromHint(hint)).toBe(lookupId);
    expect(lookupIdFromHint(`sy_${lookupId}_${secret}`)).toBeUndefined();
    expect(isLookupId(lookupId)).toBe(true);
    expect(isLookupId(`${lookupId}x`)).toBe(false);
  });
});
