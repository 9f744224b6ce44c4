import { type ScanRanges, scanText, type TextScan } from './scan-text.js';
import { instructionFrame, scanWindow, vocabularyRange } from './text-windows.js';
import type { CueCounts } from './word-cues.js';

/** Everything measured about one text before any decision. */
export interface PromptAnalysis {
  /** Length of the whole text, not just the scanned window. */
  totalChars: number;
  scan: TextScan;
  cues: CueCounts;
  /** Characters of carried document (article, transcript) outside a short instruction; 0 if none. */
  documentChars: number;
  /** Speaker-labelled lines dominate: a meeting transcript or dialogue. */
  transcript: boolean;
}

/** A document is at least this long; shorter bodies are just a long question. */
const DOCUMENT_MIN_CHARS = 500;
const TRANSCRIPT_MIN_LINES = 5;
/** Role-play set-ups ("I want you to act as ...") are looked for this far into the prompt. */
const PERSONA_REACH = 600;
/** Without a paragraph frame, this much of each end stands in for the instruction. */
const UNFRAMED_INSTRUCTION = 300;

/**
 * Measures `text` in one pass over a bounded window (all of it up to 8K characters, else its head
 * and tail). Paragraph breaks are located first (native `indexOf`), so the pass knows which ranges
 * hold the instruction and which the document.
 */
export function analyzePrompt(text: string): PromptAnalysis {
  const window = scanWindow(text);
  const length = window.length;
  const frame = instructionFrame(window);
  const framed = frame.headChars > 0 || frame.tailChars > 0;
  const vocabulary = vocabularyRange(length);
  const ranges: ScanRanges = {
    vocabularyHeadEnd: vocabulary.headEnd,
    vocabularyTailStart: vocabulary.tailStart,
    personaEnd: PERSONA_REACH,
    instructionHeadEnd: framed ? frame.headChars : UNFRAMED_INSTRUCTION,
    instructionTailStart: framed ? length - frame.tailChars : length - UNFRAMED_INSTRUCTION,
  };
  if (framed && frame.tailChars === 0) ranges.instructionTailStart = length + 1;
  const { scan, cues } = scanText(window, ranges);

  const transcript =
    length >= DOCUMENT_MIN_CHARS &&
    scan.speakerLines >= TRANSCRIPT_MIN_LINES &&
    scan.speakerLines * 4 >= scan.nonEmptyLines;
  const hasBody = framed && frame.bodyChars >= DOCUMENT_MIN_CHARS;
  // A request to summarise, or to read "the article below", makes the rest of a long text its document.
  const referenced =
    (cues.documentReferences > 0 || cues.summaryStrong + cues.summarySoft > 0) && length >= DOCUMENT_MIN_CHARS;
  let documentChars = 0;
  if (hasBody) documentChars = frame.bodyChars;
  else if (transcript || referenced) documentChars = length;
  return { totalChars: text.length, scan, cues, documentChars, transcript };
}
