import { WORD } from './lexicon.js';
import { type CueCounts, type CueRanges, WordCues } from './word-cues.js';
import { foldCode, HASH_SEED, hashStep } from './word-table.js';

/**
 * Structural counts of a text, gathered in one `charCodeAt` pass with no allocation per character.
 * Everything the classifier needs that is about shape (lines, indentation, symbols, digits, scripts)
 * rather than words comes from here; word cues are regexes in `cue-patterns.ts`.
 */
export interface TextScan {
  /** Characters scanned. */
  chars: number;
  /** Characters below U+0080 (the tokens-per-character estimate differs by script). */
  asciiChars: number;
  lines: number;
  nonEmptyLines: number;
  /** Lines with nothing but whitespace: paragraph breaks. */
  blankLines: number;
  /** Lines starting with two or more spaces or a tab, then content. */
  indentedLines: number;
  /** Lines whose last visible character is `;`, `{` or `}`. */
  braceEndLines: number;
  /** Lines shaped like `Project Manager: ...` (a transcript or dialogue). */
  speakerLines: number;
  /** Lines that open like a statement in a programming language (`def f(`, `return`, `#include`). */
  codeLines: number;
  /** Lines opening or closing a Markdown fence (three backticks or tildes). */
  fenceLines: number;
  /** Maximal runs of digits not glued to a word (`42`, `3.5`; not `x2`). */
  numberTokens: number;
  /** `+ * / = < > ^` (and a spaced `-`) between operands: arithmetic, comparisons, assignments. */
  operators: number;
  /** `{ } [ ] ; |` and `&`: punctuation that prose rarely uses. */
  codeSymbols: number;
  /** An opening parenthesis glued to an identifier: `f(x)`, `foo_bar(`. */
  callSites: number;
  backslashes: number;
  dollarSigns: number;
  /** `$` followed by a digit: money rather than TeX. */
  moneyAmounts: number;
  /** `"""` or `'''`: docstrings. */
  tripleQuotes: number;
  /** `>>>` at a line start: Python doctests. */
  doctestPrompts: number;
  questionMarks: number;
  /** Letters by script, for the language guess and the token estimate. */
  asciiLetters: number;
  latinExtended: number;
  cyrillic: number;
  greek: number;
  arabic: number;
  hebrew: number;
  devanagari: number;
  thai: number;
  han: number;
  kana: number;
  hangul: number;
  /** Other characters at or above U+0080 (punctuation, symbols, other scripts). */
  otherNonAscii: number;
}

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const TAB = 9;
const SPEAKER_LABEL_MAX = 40;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isWordChar(code: number): boolean {
  return isDigit(code) || isAsciiLetter(code) || code === 95;
}

/**
 * Whether the line starting at `start` begins with a short capitalised label and `: `, like
 * `Marketing: ...` or `PhD C: ...`. Bounded to a few dozen characters, so the pass stays linear.
 */
function isSpeakerLine(text: string, start: number): boolean {
  const first = text.charCodeAt(start);
  if (!(first >= 65 && first <= 90)) return false;
  let spaces = 0;
  const end = Math.min(text.length - 1, start + SPEAKER_LABEL_MAX);
  for (let i = start + 1; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 58) return text.charCodeAt(i + 1) === SPACE && spaces <= 3;
    if (code === SPACE) {
      spaces++;
      if (spaces > 3) return false;
    } else if (!(isWordChar(code) || code === 46 || code === 39 || code === 45)) {
      return false;
    }
  }
  return false;
}

/** The nearest character at `index` or one further in `step` direction, skipping one space. */
function neighbour(text: string, index: number, step: number): number {
  const code = text.charCodeAt(index);
  return code === SPACE ? text.charCodeAt(index + step) : code;
}

function isOperand(code: number): boolean {
  return isDigit(code) || isAsciiLetter(code) || code === 41 || code === 40;
}

function emptyScan(): TextScan {
  return {
    chars: 0,
    asciiChars: 0,
    lines: 0,
    nonEmptyLines: 0,
    blankLines: 0,
    indentedLines: 0,
    braceEndLines: 0,
    speakerLines: 0,
    codeLines: 0,
    fenceLines: 0,
    numberTokens: 0,
    operators: 0,
    codeSymbols: 0,
    callSites: 0,
    backslashes: 0,
    dollarSigns: 0,
    moneyAmounts: 0,
    tripleQuotes: 0,
    doctestPrompts: 0,
    questionMarks: 0,
    asciiLetters: 0,
    latinExtended: 0,
    cyrillic: 0,
    greek: 0,
    arabic: 0,
    hebrew: 0,
    devanagari: 0,
    thai: 0,
    han: 0,
    kana: 0,
    hangul: 0,
    otherNonAscii: 0,
  };
}

function countNonAscii(scan: TextScan, code: number): void {
  if (code < 0xc0) scan.otherNonAscii++;
  else if (code <= 0x24f) scan.latinExtended++;
  else if (code >= 0x370 && code <= 0x3ff) scan.greek++;
  else if (code >= 0x400 && code <= 0x4ff) scan.cyrillic++;
  else if (code >= 0x590 && code <= 0x5ff) scan.hebrew++;
  else if ((code >= 0x600 && code <= 0x6ff) || (code >= 0x750 && code <= 0x77f)) scan.arabic++;
  else if (code >= 0x900 && code <= 0x97f) scan.devanagari++;
  else if (code >= 0xe00 && code <= 0xe7f) scan.thai++;
  else if (code >= 0x3040 && code <= 0x30ff) scan.kana++;
  else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)) scan.han++;
  else if ((code >= 0xac00 && code <= 0xd7af) || (code >= 0x1100 && code <= 0x11ff)) scan.hangul++;
  else scan.otherNonAscii++;
}

/** Where each kind of cue is counted, as offsets into the scanned text. */
export interface ScanRanges extends CueRanges {
  /** Words, numbers and operators count only before this offset or from `vocabularyTailStart` on. */
  vocabularyHeadEnd: number;
  vocabularyTailStart: number;
}

/** Everything one pass over a text yields: structure and vocabulary cues. */
export interface ScanResult {
  scan: TextScan;
  cues: CueCounts;
}

/**
 * Statement openings of common programming languages, tried only at the first visible character of
 * each line (sticky), so it costs one short match attempt per line. Case-sensitive on purpose: prose
 * capitalises "Return ..." or "Import ...", code does not.
 */
const CODE_LINE =
  /(?:def \w+\(|class [A-Z]\w*|(?:async )?function\*? ?[\w$]*\s?\(|import [\w{*'"]|from [\w.]+ import |return\b|assert\b|#include|#define|(?:public|private|protected|static) \w|(?:const|let|var) [\w$]+ ?=|fn \w+|func \w+|package \w+;?$|using \w[\w.]*;|elif |else\b|try\b|except\b|catch\b|finally\b|if ?\(|for ?\(|for \w+ in |while ?\(|switch ?\(|print\(|console\.\w|System\.out|SELECT |INSERT INTO|UPDATE \w+ SET|CREATE TABLE|module\.exports|export (?:default|const|function|class|interface|type)|await \w|throw new|int main|impl \w|pub fn|#!\/)/my;

function mayOpenCodeLine(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || code === 35 || code === 83 || code === 73 || code === 85 || code === 67
  );
}

function isCodeLine(text: string, index: number): boolean {
  CODE_LINE.lastIndex = index;
  return CODE_LINE.test(text);
}

/**
 * Scans `text` once: structure over all of it, vocabulary in the head and tail ranges. Cost is
 * linear in its length with no allocation per character; callers bound the length they pass.
 */
export function scanText(text: string, ranges: ScanRanges): ScanResult {
  const scan = emptyScan();
  const words = new WordCues(ranges);
  const length = text.length;
  scan.chars = length;
  let atLineStart = true;
  let lineHasContent = false;
  let lastVisible = 0;
  let previous = LINE_FEED;
  let lineStart = 0;
  let lineFirstVisible = -1;
  let wordStart = -1;
  let hash = HASH_SEED;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? text.charCodeAt(i) : LINE_FEED;
    const inVocabulary = i < ranges.vocabularyHeadEnd || i >= ranges.vocabularyTailStart;
    const lower = code | 32;
    if (lower >= 97 && lower <= 122) {
      if (wordStart < 0) {
        wordStart = i;
        hash = HASH_SEED;
      }
      hash = hashStep(hash, lower);
    } else if (wordStart >= 0) {
      if (
        isDigit(code) ||
        code === 95 ||
        ((code === 39 || code === 0x2019) && isAsciiLetter(text.charCodeAt(i + 1)))
      ) {
        hash = hashStep(hash, foldCode(code));
      } else {
        if (wordStart > 0 && text.charCodeAt(wordStart - 1) === 92) {
          words.texCommand(hash);
        } else if (wordStart < ranges.vocabularyHeadEnd || wordStart >= ranges.vocabularyTailStart) {
          words.word(hash, wordStart, wordStart === lineFirstVisible, code);
          if (i - wordStart === 1 && (code === 35 || (code === 43 && text.charCodeAt(i + 1) === 43))) {
            if (hash === WORD.c) words.cLanguage();
          }
        }
        wordStart = -1;
      }
    }
    if (i === length) break;
    if (code === LINE_FEED) {
      scan.lines++;
      if (lineHasContent) {
        scan.nonEmptyLines++;
        if (lastVisible === 59 || lastVisible === 123 || lastVisible === 125) scan.braceEndLines++;
      } else {
        scan.blankLines++;
      }
      atLineStart = true;
      lineHasContent = false;
      lineStart = i + 1;
      previous = code;
      scan.asciiChars++;
      words.breakSentence();
      continue;
    }
    if (code >= 0x80) {
      countNonAscii(scan, code);
      if (atLineStart) {
        atLineStart = false;
        lineFirstVisible = i;
      }
      lineHasContent = true;
      lastVisible = code;
      previous = code;
      continue;
    }
    scan.asciiChars++;
    if (code === SPACE || code === TAB || code === CARRIAGE_RETURN) {
      previous = code;
      continue;
    }
    if (atLineStart) {
      atLineStart = false;
      lineFirstVisible = i;
      if (mayOpenCodeLine(code) && isCodeLine(text, i)) scan.codeLines++;
      const indent = i - lineStart;
      if (indent >= 2 || (indent === 1 && text.charCodeAt(lineStart) === TAB)) scan.indentedLines++;
      if (
        (code === 96 || code === 126) &&
        text.charCodeAt(i + 1) === code &&
        text.charCodeAt(i + 2) === code
      ) {
        scan.fenceLines++;
      } else if (code === 62 && text.startsWith('>>>', i)) {
        scan.doctestPrompts++;
      } else if (isSpeakerLine(text, i)) {
        scan.speakerLines++;
      }
    }
    lineHasContent = true;
    lastVisible = code;
    if (isAsciiLetter(code)) {
      scan.asciiLetters++;
    } else if (isDigit(code)) {
      if (inVocabulary && !(isWordChar(previous) || previous === 46)) {
        scan.numberTokens++;
        words.number();
      }
    } else {
      switch (code) {
        case 43: // +
        case 42: // *
        case 47: // /
        case 61: // =
        case 60: // <
        case 62: // >
        case 94: // ^
          if (inVocabulary && isOperand(neighbour(text, i - 1, -1)) && isOperand(neighbour(text, i + 1, 1))) {
            scan.operators++;
          }
          break;
        case 45: // - counts only when spaced, so dates and hyphenated words do not look like arithmetic
          if (
            inVocabulary &&
            previous === SPACE &&
            text.charCodeAt(i + 1) === SPACE &&
            isOperand(text.charCodeAt(i + 2))
          ) {
            scan.operators++;
          }
          break;
        case 123: // {
        case 125: // }
        case 91: // [
        case 93: // ]
        case 59: // ;
        case 124: // |
        case 38: // &
          scan.codeSymbols++;
          break;
        case 40: // (
          if (isWordChar(previous)) scan.callSites++;
          break;
        case 92: // backslash
          scan.backslashes++;
          break;
        case 36: // $
          scan.dollarSigns++;
          if (isDigit(text.charCodeAt(i + 1))) scan.moneyAmounts++;
          break;
        case 63: // ?
          scan.questionMarks++;
          words.breakSentence();
          break;
        case 46: // .
        case 33: // !
          if (!isWordChar(text.charCodeAt(i + 1))) words.breakSentence();
          break;
        case 44: // ,
        case 58: // :
          words.breakPhrase();
          break;
        case 34: // "
        case 39: // '
          if (text.charCodeAt(i + 1) === code && text.charCodeAt(i + 2) === code) {
            scan.tripleQuotes++;
            i += 2;
          }
          break;
      }
    }
    previous = code;
  }
  if (lineHasContent) {
    scan.lines++;
    scan.nonEmptyLines++;
    if (lastVisible === 59 || lastVisible === 123 || lastVisible === 125) scan.braceEndLines++;
  }
  return { scan, cues: words.counts };
}
