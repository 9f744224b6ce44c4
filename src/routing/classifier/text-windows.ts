/**
 * Bounded views of a prompt. Cue detection looks at these instead of the whole text, so the cost of
 * classifying a prompt has a ceiling however long the prompt is (length itself is decided first).
 */

/** Texts up to this many characters are scanned whole for structure. */
const SCAN_LIMIT = 8_192;
const SCAN_HEAD = 6_144;
const SCAN_TAIL = 2_048;

/** Texts up to this many characters are searched whole for word cues; longer ones in head and tail. */
const VOCABULARY_LIMIT = 2_048;
const VOCABULARY_EDGE = 1_024;

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

/** Offsets of the head and tail ranges searched for word cues in a scanned window. */
export function vocabularyRange(windowLength: number): { headEnd: number; tailStart: number } {
  if (windowLength <= VOCABULARY_LIMIT) return { headEnd: windowLength, tailStart: windowLength };
  return { headEnd: VOCABULARY_EDGE, tailStart: windowLength - VOCABULARY_EDGE };
}

/** A prompt split into a short leading and/or trailing instruction and the body between them. */
export interface InstructionFrame {
  /** Length of the first paragraph when it is short, otherwise 0. */
  headChars: number;
  /** Length of the last paragraph when it is short, otherwise 0. */
  tailChars: number;
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
  const headChars = start > 0 && start <= INSTRUCTION_MAX ? start : 0;
  const tailChars = end > 0 && end >= start && text.length - end <= INSTRUCTION_MAX ? text.length - end : 0;
  return { headChars, tailChars, bodyChars: Math.max(0, text.length - headChars - tailChars) };
}
