import { type ScanRanges, scanText } from './scan-text.js';
import type { TextScan } from './text-scan.js';
import { instructionFrame, readPlan } from './text-windows.js';
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
  /**
   * The prompt is about a document it carries (a transcript, "the article", a request to summarise,
   * a question about what it says, another task over it): figures and jargon in it are its content,
   * not the task. A long word problem followed by "Answer:" has a body but is not about a document.
   */
  aboutDocument: boolean;
}

/** A document is at least this long; shorter bodies are just a long question. */
const DOCUMENT_MIN_CHARS = 500;
const TRANSCRIPT_MIN_LINES = 5;
/** Role-play set-ups ("I want you to act as ...") are looked for this far into the prompt. */
const PERSONA_REACH = 600;
/** Without a paragraph frame, this much of each end stands in for the instruction. */
const UNFRAMED_INSTRUCTION = 300;
/** The first (and last) words of a framed body still count as instruction. */
const EDGE_WORDS = 120;

/**
 * Measures `text` in one pass over a bounded part of it (all of it up to 8K characters, else its
 * head and tail; with `sampleChars`, just that much of the head). Paragraph breaks are located first
 * (native `indexOf`), so the pass knows which ranges hold the instruction and which the document.
 */
export function analyzePrompt(text: string, sampleChars?: number): PromptAnalysis {
  const length = text.length;
  const plan = readPlan(length, sampleChars);
  const frame = instructionFrame(text);
  const framed = frame.headChars > 0 || frame.tailChars > 0;
  // Fields spelled out rather than spread: a spread builds a slow dictionary-mode object here.
  const ranges: ScanRanges = {
    scanHeadEnd: plan.scanHeadEnd,
    scanTailStart: plan.scanTailStart,
    vocabularyHeadEnd: plan.vocabularyHeadEnd,
    vocabularyTailStart: plan.vocabularyTailStart,
    personaEnd: PERSONA_REACH,
    // "Summarize: <article>\n\nAnswer:" has its request in the body's opening words, not in a
    // paragraph of its own: the instruction reaches a little past the frame on each side.
    instructionHeadEnd: framed ? frame.headChars + EDGE_WORDS : UNFRAMED_INSTRUCTION,
    instructionTailStart: length - (framed ? frame.tailChars + EDGE_WORDS : UNFRAMED_INSTRUCTION),
    framed,
  };
  const { scan, cues } = scanText(text, ranges);

  const transcript =
    length >= DOCUMENT_MIN_CHARS &&
    scan.speakerLines >= TRANSCRIPT_MIN_LINES &&
    scan.speakerLines * 4 >= scan.nonEmptyLines;
  const hasBody = framed && frame.bodyChars >= DOCUMENT_MIN_CHARS;
  // An explicit request to summarise, or to read "the article below", makes the rest of a long text
  // its document. Softer cues ("outline", "highlights") do not: they also occur in long requests.
  const referenced = (cues.documentReferences > 0 || cues.summaryStrong > 0) && length >= DOCUMENT_MIN_CHARS;
  let documentChars = 0;
  if (hasBody) documentChars = frame.bodyChars;
  else if (transcript || referenced) documentChars = length;
  const aboutDocument =
    documentChars > 0 &&
    (transcript ||
      cues.documentReferences > 0 ||
      cues.summaryStrong + cues.summarySoft > 0 ||
      cues.contentQuestions > 0 ||
      cues.otherDocumentTasks > 0);
  return { totalChars: length, scan, cues, documentChars, transcript, aboutDocument };
}
