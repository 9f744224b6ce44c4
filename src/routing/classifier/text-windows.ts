/**
 * Bounded views of a prompt. Cue detection looks at these instead of the whole text, so the cost of
 * classifying a prompt has a ceiling however long the prompt is (length itself is decided first).
 */

/** Texts up to this many characters are scanned whole for structure. */
const SCAN_LIMIT = 16_384;
const SCAN_HEAD = 12_288;
const SCAN_TAIL = 4_096;

/** Texts up to this many characters are searched whole for word cues. */
const WORD_LIMIT = 2_048;
const WORD_HEAD = 1_024;
const WORD_TAIL = 1_024;

/** An opening or closing paragraph at most this long reads as an instruction around a document. */
const INSTRUCTION_MAX = 600;

/** Instructions usually sit at the very start or end of a prompt: join head and tail when it is long. */
function headAndTail(text: string, limit: number, head: number, tail: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, head)}\n${text.slice(text.length - tail)}`;
}

/** The part scanned for structure (lines, symbols, scripts): all of it, or its head and tail. */
export function scanWindow(text: string): string {
  return headAndTail(text, SCAN_LIMIT, SCAN_HEAD, SCAN_TAIL);
}

/** The part searched for word cues (requests, maths vocabulary, personas). */
export function wordWindow(text: string): string {
  return headAndTail(text, WORD_LIMIT, WORD_HEAD, WORD_TAIL);
}

/** A prompt split into a short leading and/or trailing instruction and the body between them. */
export interface InstructionFrame {
  /** The first paragraph when it is short (otherwise empty). */
  head: string;
  /** The last paragraph when it is short (otherwise empty). */
  tail: string;
  /** Characters outside the short head and tail: the size of the carried document, if any. */
  bodyChars: number;
}

/** Where the first paragraph ends: a blank line or a `---` rule. -1 when there is none. */
function firstBreak(text: string): number {
  const blank = text.indexOf('\n\n');
  const rule = text.indexOf('\n---');
  if (blank < 0) return rule;
  if (rule < 0) return blank;
  return Math.min(blank, rule);
}

function lastBreak(text: string): number {
  return Math.max(text.lastIndexOf('\n\n'), text.lastIndexOf('---\n'));
}

/**
 * Splits `text` (a bounded window) into the short instruction paragraphs around a document. A
 * prompt like "Summarise this:\n\n<article>" or "<transcript>\n\nWhat did they decide?" yields a
 * head or tail and a large body; a prompt that is one long paragraph yields neither.
 */
export function instructionFrame(text: string): InstructionFrame {
  const start = firstBreak(text);
  const end = lastBreak(text);
  const head = start > 0 && start <= INSTRUCTION_MAX ? text.slice(0, start) : '';
  const tail = end > 0 && text.length - end <= INSTRUCTION_MAX && end >= start ? text.slice(end) : '';
  return { head, tail, bodyChars: text.length - head.length - tail.length };
}
