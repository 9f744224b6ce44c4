/** FNV-1a over UTF-16 code units: fast, stable across runs, good enough to seed answers. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A deterministic pseudo-random generator (mulberry32) returning floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deterministic lower-case alphanumeric id of `length` characters derived from `text`. */
export function stableId(text: string, length = 24): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const random = createRandom(hashString(text));
  let id = '';
  for (let index = 0; index < length; index++) id += alphabet[Math.floor(random() * alphabet.length)];
  return id;
}
