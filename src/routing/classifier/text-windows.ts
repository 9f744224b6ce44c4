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

/**
 * Which parts of a text are read, as offsets into it (no substrings are made: a sliced or concatenated
 * string would make V8's `charCodeAt` polymorphic and slow the scanner down for every later call).
 */
export interface ReadPlan {
  /** Structure is scanned in [0, scanHeadEnd) and [scanTailStart, length). */
  scanHeadEnd: number;
  scanTailStart: number;
  /** Word cues are counted in [0, vocabularyHeadEnd) and [vocabularyTailStart, length). */
  vocabularyHeadEnd: number;
  vocabularyTailStart: number;
}

/**
 * The read plan for a text of `length` characters: all of it when short, else its head and tail
 * (instructions usually sit at the very start or end). With `sampleChars`, only that much of the head
 * is read: the caller already knows the class from the length.
 */
export function readPlan(length: number, sampleChars?: number): ReadPlan {
  if (sampleChars !== undefined && sampleChars < length) {
    return {
      scanHeadEnd: sampleChars,
      scanTailStart: length,
      vocabularyHeadEnd: Math.min(sampleChars, VOCABULARY_EDGE),
      vocabularyTailStart: length,
    };
  }
  const whole = length <= SCAN_LIMIT;
  const fewWords = length <= VOCABULARY_LIMIT;
  return {
    scanHeadEnd: whole ? length : SCAN_HEAD,
    scanTailStart: whole ? length : length - SCAN_TAIL,
    vocabularyHeadEnd: fewWords ? length : VOCABULARY_EDGE,
    vocabularyTailStart: fewWords ? length : length - VOCABULARY_EDGE,
  };
}

/** A prompt split into a short leading and/or trailing instruction and the body between them. */
export interface InstructionFrame {
  /** Length of the leading instruction (whole paragraphs within its first 600 characters), or 0. */
  headChars: number;
  /** Length of the trailing instruction (whole paragraphs within its last 600 characters), or 0. */
  tailChars: number;
  /** Characters outside the short head and tail: the size of the carried document, if any. */
  bodyChars: number;
}

/** The smaller of two offsets, ignoring -1 (not found). */
function earliest(first: number, second: number): number {
  if (first < 0) return second;
  if (second < 0) return first;
  return Math.min(first, second);
}

/**
 * Where the leading instruction ends: the last paragraph break (blank line, `---` rule, or a line
 * ending in a colon, as in "Give me the gist of this:") that starts within the first `reach`
 * characters, so several short leading paragraphs (a template preamble, then the actual request)
 * all count as instruction; -1 when there is none. Backward searches from `reach`: bounded.
 */
function headEnd(text: string, reach: number): number {
  const colon = text.lastIndexOf(':\n', reach);
  const breaks = Math.max(text.lastIndexOf('\n\n', reach), text.lastIndexOf('\n---', reach));
  return Math.max(breaks, colon < 0 ? -1 : colon + 1);
}

/**
 * Where the trailing instruction starts: the first paragraph break after `from` (so several short
 * trailing paragraphs such as a question then "Answer:" all count), or the start of the last line
 * when it reads as a question or a cue ("...?", "Summary:"); -1 when there is none.
 */
function tailStart(text: string, from: number): number {
  const breaks = earliest(text.indexOf('\n\n', from), text.indexOf('---\n', from));
  let end = text.length - 1;
  while (end > 0 && text.charCodeAt(end) <= 32) end--;
  const last = end >= 0 ? text.charCodeAt(end) : 0;
  if (last !== 63 && last !== 58) return breaks;
  const newline = text.lastIndexOf('\n', end);
  return earliest(breaks, newline >= from ? newline : -1);
}

/**
 * Splits `text` into the short instructions around a document, reading only near its ends. A
 * prompt like "Summarise this:\n\n<article>" or "<transcript>\n\nWhat did they decide?" yields a
 * head or tail and a large body; a prompt that is one long paragraph yields neither.
 */
export function instructionFrame(text: string): InstructionFrame {
  const length = text.length;
  const head = headEnd(text, INSTRUCTION_MAX);
  const headChars = Math.max(head, 0);
  const tail = tailStart(text, Math.max(headChars, length - INSTRUCTION_MAX));
  const tailChars = tail > 0 && tail >= headChars ? length - tail : 0;
  return { headChars, tailChars, bodyChars: Math.max(0, length - headChars - tailChars) };
}
