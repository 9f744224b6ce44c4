/**
 * Structural counts of a text, gathered in one `charCodeAt` pass with no allocation per character.
 * Everything the classifier needs that is about shape (lines, indentation, symbols, digits, scripts)
 * rather than words comes from `scan-text.ts`; word cues are counted in `word-cues.ts`.
 */
export interface TextScan {
  /** Characters scanned. */
  chars: number;
  /** Characters below U+0080 (the tokens-per-character estimate differs by script). */
  asciiChars: number;
  lines: number;
  nonEmptyLines: number;
  /** Lines starting with two or more spaces or a tab, then content. */
  indentedLines: number;
  /** Lines whose last visible character is `;`, `{`, `}`, `(` or `[`. */
  braceEndLines: number;
  /** Lines shaped like `Project Manager: ...` (a transcript or dialogue). */
  speakerLines: number;
  /** Lines that open like a statement in a programming language (`def f(`, `return`, `#include`). */
  codeLines: number;
  /** Bulleted or numbered list items (`- `, `* `, `1. `, `2) `): enumerated requirements or steps. */
  listLines: number;
  /** Lines opening or closing a Markdown fence (three backticks or tildes). */
  fenceLines: number;
  /** Maximal runs of digits not glued to a word (`42`, `3.5`; not `x2`). */
  numberTokens: number;
  /** `+ * / = < > ^` (and a spaced `-`) between operands: arithmetic, comparisons, assignments. */
  operators: number;
  /** A number followed by `%`. */
  percentages: number;
  /** `{ } [ ] ; |` and `&`: punctuation that prose rarely uses. */
  codeSymbols: number;
  /** An opening parenthesis glued to an identifier: `f(x)`, `foo_bar(`. */
  callSites: number;
  /** `$` followed by a digit: money. */
  moneyAmounts: number;
  /** `$` touching a non-digit on at least one side (`$x$`): a TeX delimiter. */
  texDollars: number;
  /** `"""` or `'''`: docstrings. */
  tripleQuotes: number;
  /** `>>>` at a line start: Python doctests. */
  doctestPrompts: number;
  questionMarks: number;
  /** Question marks in the instruction around a document (its short head or tail paragraph). */
  instructionQuestions: number;
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

/** A scan with every count at zero. */
export function emptyScan(): TextScan {
  return {
    chars: 0,
    asciiChars: 0,
    lines: 0,
    nonEmptyLines: 0,
    indentedLines: 0,
    braceEndLines: 0,
    speakerLines: 0,
    codeLines: 0,
    listLines: 0,
    fenceLines: 0,
    numberTokens: 0,
    operators: 0,
    percentages: 0,
    codeSymbols: 0,
    callSites: 0,
    texDollars: 0,
    moneyAmounts: 0,
    tripleQuotes: 0,
    doctestPrompts: 0,
    questionMarks: 0,
    instructionQuestions: 0,
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

/** Counts one character at or above U+0080 by script. */
export function countNonAscii(scan: TextScan, code: number): void {
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
