import type { TextScan } from './text-scan.js';

/**
 * Characters per token by script, the way BPE tokenizers such as cl100k behave on average: English
 * and code run about four characters a token, Cyrillic/Greek/Arabic and accented text about two to
 * three, and CJK about one character per token (often more).
 */
const ASCII_CHARS_PER_TOKEN = 4;
const ALPHABETIC_CHARS_PER_TOKEN = 2.5;
const CJK_TOKENS_PER_CHAR = 1;

/**
 * Cheap token estimate. `totalChars` may exceed what was scanned: the scanned sample's mix of
 * scripts is then extrapolated to the whole text, so the cost stays bounded on huge inputs.
 */
export function estimateTokens(scan: TextScan, totalChars: number): number {
  if (scan.chars === 0) return 0;
  const cjk = scan.han + scan.kana + scan.hangul;
  const otherNonAscii = scan.chars - scan.asciiChars - cjk;
  const sampleTokens =
    scan.asciiChars / ASCII_CHARS_PER_TOKEN +
    otherNonAscii / ALPHABETIC_CHARS_PER_TOKEN +
    cjk * CJK_TOKENS_PER_CHAR;
  return Math.round((sampleTokens * totalChars) / scan.chars);
}

/** Share of accented Latin letters above which Latin-script text is probably not English. */
const ENGLISH_MAX_ACCENTED_SHARE = 0.015;

/**
 * Dominant script, reported as a language code: 'en' for Latin script with (almost) no accented
 * letters, 'zh' for Han without kana, 'ja' when kana is present, and so on; 'other' when unsure.
 * A guess by character ranges, good enough for logs and for routing to a multilingual model.
 */
export function guessLanguage(scan: TextScan): string {
  const latin = scan.asciiLetters + scan.latinExtended;
  const cjk = scan.han + scan.kana;
  // CJK scripts spend one character per word where Latin spends about five, so weigh them up before
  // comparing: a Chinese sentence quoting an English product name is still Chinese.
  let best = 'other';
  let bestCount = 0;
  const consider = (name: string, count: number): void => {
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  };
  consider('latin', latin);
  consider('cjk', cjk * 4);
  consider('ko', scan.hangul * 4);
  consider('ru', scan.cyrillic);
  consider('ar', scan.arabic);
  consider('el', scan.greek);
  consider('he', scan.hebrew);
  consider('hi', scan.devanagari);
  consider('th', scan.thai);
  if (best === 'cjk') return scan.kana * 10 >= cjk ? 'ja' : 'zh';
  if (best === 'latin') return scan.latinExtended <= latin * ENGLISH_MAX_ACCENTED_SHARE ? 'en' : 'other';
  return best;
}
