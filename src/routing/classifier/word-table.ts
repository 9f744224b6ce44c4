/**
 * Words and word pairs looked up by a 32-bit FNV-1a hash in an open-addressing table of typed
 * arrays: the scanner hashes each word while it reads it, so a lookup costs a few array reads and
 * allocates nothing. Two different words sharing a hash is possible but vanishingly rare, and the
 * result is still deterministic.
 */

/** FNV-1a offset basis: the hash of the empty word. */
export const HASH_SEED = 0x811c9dc5 | 0;
const FNV_PRIME = 16_777_619;

/** Extends a word hash by one (already lower-cased) character code. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/** Lower-cases ASCII letters and folds the typographic apostrophe into `'`. */
export function foldCode(code: number): number {
  if (code >= 65 && code <= 90) return code + 32;
  return code === 0x2019 ? 39 : code;
}

/** Hash of a whole word, as the scanner would compute it. */
export function hashWord(word: string): number {
  let hash = HASH_SEED;
  for (let i = 0; i < word.length; i++) hash = hashStep(hash, foldCode(word.charCodeAt(i)));
  return hash;
}

/** Key of an ordered pair of words (a bigram). */
export function pairKey(first: number, second: number): number {
  return Math.imul(first ^ 0x5bd1e995, 0x27d4eb2d) ^ second;
}

/** A fixed-capacity hash table from 32-bit keys to flag bits. */
export class WordTable {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;

  /** `capacity` is rounded up to a power of two; keep it at least twice the number of entries. */
  constructor(capacity: number) {
    let size = 1;
    while (size < capacity) size *= 2;
    this.keys = new Int32Array(size);
    this.values = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Adds `flags` to the entry for `key` (entries accumulate flags). */
  add(key: number, flags: number): void {
    const stored = key === 0 ? 1 : key;
    let index = stored & this.mask;
    for (;;) {
      const existing = this.keys[index];
      if (existing === 0 || existing === stored) break;
      index = (index + 1) & this.mask;
    }
    this.keys[index] = stored;
    this.values[index] = (this.values[index] ?? 0) | flags;
  }

  /** The flags stored for `key`, or 0. */
  get(key: number): number {
    const stored = key === 0 ? 1 : key;
    let index = stored & this.mask;
    for (;;) {
      const existing = this.keys[index];
      if (existing === stored) return this.values[index] ?? 0;
      if (existing === 0 || existing === undefined) return 0;
      index = (index + 1) & this.mask;
    }
  }
}
