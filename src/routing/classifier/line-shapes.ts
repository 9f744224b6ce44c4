/**
 * Character classes and checks made once per line (at its first visible character): is it a
 * transcript speaker label, does it open like a statement of code. Each check reads a bounded
 * number of characters, so the scan stays linear.
 */

/**
 * The character code at `index`, or 0 outside the text. `charCodeAt` would return NaN there, and a
 * single NaN makes V8 deoptimise the scanner's integer arithmetic into slower generic code.
 */
export function codeAt(text: string, index: number): number {
  return index >= 0 && index < text.length ? text.charCodeAt(index) : 0;
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export function isWordChar(code: number): boolean {
  return isDigit(code) || isAsciiLetter(code) || code === 95;
}

/** Digits, letters (single-letter variables), parentheses and TeX groups can flank an operator. */
export function isOperand(code: number): boolean {
  return isWordChar(code) || code === 40 || code === 41 || code === 123 || code === 125;
}

const SPEAKER_LABEL_MAX = 40;

/**
 * If the line starting at `start` begins with a short capitalised label and `: `, like
 * `Marketing: ...` or `PhD C: ...` (the shape of a transcript or a scripted dialogue), the offset
 * where the utterance starts; otherwise -1.
 */
export function speakerLabelEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (!(first >= 65 && first <= 90)) return -1;
  let spaces = 0;
  const end = Math.min(text.length - 1, start + SPEAKER_LABEL_MAX);
  for (let i = start + 1; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 58) return text.charCodeAt(i + 1) === 32 && spaces <= 3 ? i + 2 : -1;
    if (code === 32) {
      spaces++;
      if (spaces > 3) return -1;
    } else if (!(isWordChar(code) || code === 46 || code === 39 || code === 45)) {
      return -1;
    }
  }
  return -1;
}

/** Whether the line whose first visible character is `code`, at `index`, is a list item. */
export function isListItem(text: string, index: number, code: number): boolean {
  if (code === 45 || code === 42 || code === 0x2022) return codeAt(text, index + 1) === 32;
  if (!isDigit(code)) return false;
  let next = index + 1;
  if (isDigit(codeAt(text, next))) next++;
  const marker = codeAt(text, next);
  return (marker === 46 || marker === 41) && codeAt(text, next + 1) === 32;
}

/**
 * Statement openings of common programming languages, tried only at the first visible character of
 * a line (sticky), so it costs one short match attempt per line. Case-sensitive on purpose: prose
 * capitalises "Return ..." or "Import ...", code does not. Hard-wrapped prose can start a line with
 * "for" or "if", so those need code syntax after them.
 */
const CODE_LINE =
  /(?:def \w+\(|class [A-Z]\w*|(?:async )?function\*? ?[\w$]*\s?\(|import [\w{*'"(]|\/\/ |\/\*|\*\/|from [\w.]+ import |return\b|assert\b|#include|#define|(?:public|private|protected|static) \w|(?:const|let|var) [\w$]+ ?=|fn \w+|func \w+|package \w+;?$|using \w[\w.]*;|elif |else\b|try\b|except\b|catch\b|finally\b|if ?\(|for ?\(|for \w+ in |while ?\(|switch ?\(|print\(|console\.\w|System\.out|SELECT |INSERT INTO|UPDATE \w+ SET|CREATE TABLE|module\.exports|export (?:default|const|function|class|interface|type)|await \w|throw new|int main|impl \w|pub fn|#!\/)/my;

/** Whether a line whose first visible character is `code`, at `index`, opens like code. */
export function isCodeLine(text: string, index: number, code: number): boolean {
  const couldBeCode =
    (code >= 97 && code <= 122) ||
    code === 35 || // #
    code === 47 || // /
    code === 42 || // *
    code === 83 || // S (SELECT, System.out)
    code === 73 || // I (INSERT)
    code === 85 || // U (UPDATE)
    code === 67; // C (CREATE TABLE)
  if (!couldBeCode) return false;
  CODE_LINE.lastIndex = index;
  return CODE_LINE.test(text);
}
