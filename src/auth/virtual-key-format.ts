import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A freshly generated key: the full text to hand out once, and its two parts. */
export interface GeneratedVirtualKey {
  /** `sy_<lookupId>_<secret>`. */
  key: string;
  lookupId: string;
  secret: string;
}

/** The two parts of a presented key. */
export interface ParsedVirtualKey {
  lookupId: string;
  secret: string;
}

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Bytes at or above this are rejected so `byte % 62` stays uniform (248 = 4 × 62). */
const unbiasedByteLimit = 256 - (256 % alphabet.length);

/** Characters in the lookup id. */
export const lookupIdLength = 12;
/** Characters in the secret: 40 base62 characters ≈ 238 bits. */
export const secretLength = 40;
const prefix = 'sy_';
const keyLength = prefix.length + lookupIdLength + 1 + secretLength;
const keyPattern = new RegExp(`^sy_([0-9A-Za-z]{${lookupIdLength}})_([0-9A-Za-z]{${secretLength}})$`);
const lookupIdPattern = new RegExp(`^[0-9A-Za-z]{${lookupIdLength}}$`);

/** Random base62 text without modulo bias (rejection sampling over crypto.randomBytes). */
export function randomBase62(length: number): string {
  let text = '';
  while (text.length < length) {
    // Draw a little extra so one call almost always suffices (about 3% of bytes are rejected).
    for (const byte of randomBytes(length - text.length + 8)) {
      if (byte >= unbiasedByteLimit) continue;
      text += alphabet[byte % alphabet.length];
      if (text.length === length) break;
    }
  }
  return text;
}

/** Generates a new virtual key. */
export function generateVirtualKey(): GeneratedVirtualKey {
  const lookupId = randomBase62(lookupIdLength);
  const secret = randomBase62(secretLength);
  return { key: `${prefix}${lookupId}_${secret}`, lookupId, secret };
}

/** Splits a presented key, or returns undefined for anything not exactly `sy_<12>_<40>` base62. */
export function parseVirtualKey(text: string): ParsedVirtualKey | undefined {
  // The length check rejects most junk (and huge inputs) before the regex runs.
  if (text.length !== keyLength || !text.startsWith(prefix)) return undefined;
  const match = keyPattern.exec(text);
  if (match === null) return undefined;
  const [, lookupId, secret] = match;
  if (lookupId === undefined || secret === undefined) return undefined;
  return { lookupId, secret };
}

/** True for text shaped like a lookup id. */
export function isLookupId(text: string): boolean {
  return lookupIdPattern.test(text);
}

/** The display form stored beside the hash: the lookup id and the secret's last 4 characters. */
export function buildKeyHint(lookupId: string, secret: string): string {
  return `${prefix}${lookupId}_…${secret.slice(-4)}`;
}

/** The lookup id inside a key hint (`sy_<lookupId>_…wxyz`), or undefined. */
export function lookupIdFromHint(hint: string): string | undefined {
  const match = /^sy_([0-9A-Za-z]{12})_…[0-9A-Za-z]{4}$/.exec(hint);
  return match?.[1];
}

/** sha256 hex of a secret: the only form of it that is stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a secret to a stored hash in constant time (over equal-length digests). */
export function secretMatches(secret: string, expectedHashHex: string): boolean {
  const expected = Buffer.from(expectedHashHex, 'hex');
  const actual = createHash('sha256').update(secret, 'utf8').digest();
  // A malformed stored hash decodes to the wrong length; timingSafeEqual would throw on it.
  if (expected.length !== actual.length) return false;
  return timingSafeEqual(actual, expected);
}
