import { WORD } from './lexicon.js';
import {
  codeAt,
  isAsciiLetter,
  isCodeLine,
  isDigit,
  isListItem,
  isOperand,
  isWordChar,
  speakerLabelEnd,
} from './line-shapes.js';
import { countNonAscii, emptyScan, type TextScan } from './text-scan.js';
import type { ReadPlan } from './text-windows.js';
import { type CueCounts, type CueRanges, WordCues } from './word-cues.js';
import { HASH_SEED } from './word-table.js';

/** What is read, and where each kind of cue is counted, as offsets into the text. */
export interface ScanRanges extends CueRanges, ReadPlan {}

/** Everything one pass over a text yields: structure and vocabulary cues. */
export interface ScanResult {
  scan: TextScan;
  cues: CueCounts;
}

const LINE_FEED = 10;
const FNV_PRIME = 16_777_619;

/** The character at `index` (0 past the end), skipping one space when `index` holds a space. */
function neighbour(text: string, index: number, step: number): number {
  const code = codeAt(text, index);
  return code === 32 ? codeAt(text, index + step) : code;
}

/** `;`, `{`, `}`, or an opening `(` / `[` left open at the end of a line: rare in prose. */
function isBraceEnd(code: number): boolean {
  return code === 59 || code === 123 || code === 125 || code === 40 || code === 91;
}

/**
 * Scans `text` once: structure in the planned head and tail (the gap between them reads as a line
 * break), vocabulary in the smaller head and tail ranges. Words and digit runs are consumed by inner
 * loops that hash as they go, so the common case (letters) costs a compare and a multiply per
 * character. Linear in the planned part, no allocation per character.
 */
export function scanText(text: string, ranges: ScanRanges): ScanResult {
  const scan = emptyScan();
  const words = new WordCues(ranges);
  const length = text.length;
  const headEnd = ranges.vocabularyHeadEnd;
  const tailStart = ranges.vocabularyTailStart;
  const gapEnd = ranges.scanTailStart;
  // The current segment ends here: the end of the scanned head, then the end of the text.
  let end = Math.min(ranges.scanHeadEnd, length);
  let lineStart = 0;
  let lineFirstVisible = -1;
  let lastVisible = 0;
  let asciiLetters = 0;
  let operators = 0;
  let codeSymbols = 0;
  let i = 0;
  for (;;) {
    if (i >= end) {
      if (end === length || gapEnd >= length) break;
      // Jump the gap as if it were a line break.
      if (lineFirstVisible >= lineStart) scan.nonEmptyLines++;
      scan.lines++;
      i = lineStart = Math.max(i, gapEnd);
      end = length;
      words.breakSentence();
      continue;
    }
    const code = text.charCodeAt(i);
    if (code === LINE_FEED) {
      if (lineFirstVisible >= lineStart) {
        scan.nonEmptyLines++;
        if (isBraceEnd(lastVisible)) scan.braceEndLines++;
      }
      scan.lines++;
      lineStart = ++i;
      words.breakSentence();
      continue;
    }
    if (code === 32 || code === 9 || code === 13) {
      i++;
      continue;
    }
    if (lineFirstVisible < lineStart) {
      // First visible character of the line: indentation, fences, doctests, speakers, code.
      lineFirstVisible = i;
      const indent = i - lineStart;
      if (indent >= 2 || (indent === 1 && text.charCodeAt(lineStart) === 9)) scan.indentedLines++;
      if ((code === 96 || code === 126) && codeAt(text, i + 1) === code && codeAt(text, i + 2) === code) {
        scan.fenceLines++;
      } else if (code === 62 && text.startsWith('>>>', i)) {
        scan.doctestPrompts++;
      } else {
        const labelEnd = speakerLabelEnd(text, i);
        if (labelEnd >= 0) {
          // "User: def add(a, b):" is still a line of code after its label.
          scan.speakerLines++;
          if (isCodeLine(text, labelEnd, codeAt(text, labelEnd))) scan.codeLines++;
        } else if (isCodeLine(text, i, code)) {
          scan.codeLines++;
        } else if (isListItem(text, i, code)) {
          scan.listLines++;
        }
      }
    }
    const lower = code | 32;
    if (lower >= 97 && lower <= 122) {
      // A word: letters, then letters, digits, underscores or an apostrophe between letters.
      const start = i;
      // After a backslash only letters belong to the TeX command: `\log_2` is `\log` then `_2`.
      const tex = start > 0 && codeAt(text, start - 1) === 92;
      let hash = Math.imul(HASH_SEED ^ lower, FNV_PRIME);
      let next = ++i < end ? text.charCodeAt(i) : 0;
      for (;;) {
        const nextLower = next | 32;
        if (nextLower >= 97 && nextLower <= 122) hash = Math.imul(hash ^ nextLower, FNV_PRIME);
        else if (tex) break;
        else if (isDigit(next) || next === 95) hash = Math.imul(hash ^ next, FNV_PRIME);
        else if ((next === 39 || next === 0x2019) && isAsciiLetter(codeAt(text, i + 1))) {
          hash = Math.imul(hash ^ 39, FNV_PRIME);
        } else break;
        next = ++i < end ? text.charCodeAt(i) : 0;
      }
      asciiLetters += i - start;
      lastVisible = text.charCodeAt(i - 1);
      if (tex) {
        words.texCommand(hash);
      } else if (start < headEnd || start >= tailStart) {
        words.word(hash, start, start === lineFirstVisible, next);
        if (
          hash === WORD.c &&
          i - start === 1 &&
          (next === 35 || (next === 43 && codeAt(text, i + 1) === 43))
        ) {
          words.cLanguage();
        }
      }
      continue;
    }
    lastVisible = code;
    if (code >= 0x80) {
      countNonAscii(scan, code);
      i++;
      continue;
    }
    const inVocabulary = i < headEnd || i >= tailStart;
    if (isDigit(code)) {
      // "3.5" is one number; ".5" is a number too.
      if (inVocabulary && !(codeAt(text, i - 1) === 46 && isDigit(codeAt(text, i - 2)))) {
        scan.numberTokens++;
        words.number();
      }
      i++;
      while (i < end && isDigit(text.charCodeAt(i))) i++;
      lastVisible = text.charCodeAt(i - 1);
      if (inVocabulary && codeAt(text, i) === 37) scan.percentages++;
      continue;
    }
    switch (code) {
      case 47: {
        // / divides only next to a number ("1/2", "x/4", "(a+b)/2"); "and/or" and URL paths do not.
        const before = neighbour(text, i - 1, -1);
        const after = neighbour(text, i + 1, 1);
        if (
          inVocabulary &&
          isOperand(before) &&
          isOperand(after) &&
          (isDigit(before) || isDigit(after) || before === 41)
        ) {
          operators++;
        }
        break;
      }
      case 43: // +
      case 42: // *
      case 61: // =
      case 60: // <
      case 62: // >
      case 94: // ^
        if (inVocabulary && isOperand(neighbour(text, i - 1, -1)) && isOperand(neighbour(text, i + 1, 1)))
          operators++;
        break;
      case 45: // - counts only when spaced, so dates and hyphenated words do not look like arithmetic
        if (inVocabulary && codeAt(text, i - 1) === 32 && codeAt(text, i + 1) === 32) {
          if (isOperand(codeAt(text, i + 2))) operators++;
        }
        break;
      case 123: // {
      case 125: // }
      case 91: // [
      case 93: // ]
      case 59: // ;
      case 124: // |
      case 38: // &
        codeSymbols++;
        break;
      case 40: // (
        if (isWordChar(codeAt(text, i - 1))) scan.callSites++;
        break;
      case 36: {
        // $ — "$5" is money; "$x$" delimits TeX; a lone "the $ value" is neither.
        const next = codeAt(text, i + 1);
        if (isDigit(next)) scan.moneyAmounts++;
        else if (next > 32 || codeAt(text, i - 1) > 32) scan.texDollars++;
        break;
      }
      case 63: // ?
        scan.questionMarks++;
        if (i < ranges.instructionHeadEnd || i >= ranges.instructionTailStart) scan.instructionQuestions++;
        words.breakSentence();
        break;
      case 46: // .
      case 33: // !
        if (!isWordChar(codeAt(text, i + 1))) words.breakSentence();
        break;
      case 44: // ,
      case 58: // :
        words.breakPhrase();
        break;
      case 34: // "
      case 39: // '
        if (codeAt(text, i + 1) === code && codeAt(text, i + 2) === code) {
          scan.tripleQuotes++;
          i += 2;
        }
        break;
    }
    i++;
  }
  if (lineFirstVisible >= lineStart) {
    scan.lines++;
    scan.nonEmptyLines++;
    if (isBraceEnd(lastVisible)) scan.braceEndLines++;
  }
  scan.chars =
    Math.min(ranges.scanHeadEnd, length) + Math.max(0, length - Math.max(gapEnd, ranges.scanHeadEnd));
  scan.asciiLetters = asciiLetters;
  scan.operators = operators;
  scan.codeSymbols = codeSymbols;
  scan.asciiChars =
    scan.chars -
    (scan.latinExtended + scan.greek + scan.cyrillic + scan.hebrew + scan.arabic + scan.devanagari) -
    (scan.thai + scan.kana + scan.han + scan.hangul + scan.otherNonAscii);
  return { scan, cues: words.counts };
}
