import {
  CODE_CONTEST,
  CODE_LANGUAGE,
  CODE_LINE,
  CODE_REQUEST,
  CODE_TERM,
  CONTENT_QUESTION,
  countMatches,
  DEMAND,
  DOCUMENT_REFERENCE,
  MATH_STRONG,
  MATH_WEAK,
  NUMBER_WORD,
  OTHER_DOCUMENT_TASK,
  PERSONA,
  QUANTITY_QUESTION,
  SUMMARY_SOFT,
  SUMMARY_STRONG,
  TEX_COMMAND,
} from './cue-patterns.js';
import { scanText, type TextScan } from './scan-text.js';
import { instructionFrame, scanWindow, wordWindow } from './text-windows.js';

/** Counts of word and line cues found in a prompt's bounded windows. */
export interface CueCounts {
  codeLines: number;
  codeRequests: number;
  codeLanguages: number;
  codeTerms: number;
  contestCues: number;
  texCommands: number;
  mathStrong: number;
  mathWeak: number;
  numberWords: number;
  quantityQuestions: number;
  summaryStrong: number;
  summarySoft: number;
  documentReferences: number;
  contentQuestions: number;
  otherDocumentTasks: number;
  persona: number;
  demands: number;
}

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
const DOCUMENT_MIN_CHARS = 600;
const TRANSCRIPT_MIN_LINES = 5;

function emptyCues(): CueCounts {
  return {
    codeLines: 0,
    codeRequests: 0,
    codeLanguages: 0,
    codeTerms: 0,
    contestCues: 0,
    texCommands: 0,
    mathStrong: 0,
    mathWeak: 0,
    numberWords: 0,
    quantityQuestions: 0,
    summaryStrong: 0,
    summarySoft: 0,
    documentReferences: 0,
    contentQuestions: 0,
    otherDocumentTasks: 0,
    persona: 0,
    demands: 0,
  };
}

/**
 * Measures `text`: one structural pass over a bounded window, then the word regexes over smaller
 * windows. Regexes whose trigger character never occurs (TeX needs a backslash) are skipped.
 */
export function analyzePrompt(text: string): PromptAnalysis {
  const window = scanWindow(text);
  const scan = scanText(window);
  const words = wordWindow(text);
  const cues = emptyCues();
  cues.codeLines = countMatches(CODE_LINE, window);
  cues.codeRequests = countMatches(CODE_REQUEST, words);
  cues.codeLanguages = countMatches(CODE_LANGUAGE, words);
  cues.codeTerms = countMatches(CODE_TERM, words);
  cues.contestCues = countMatches(CODE_CONTEST, words);
  if (scan.backslashes > 0) cues.texCommands = countMatches(TEX_COMMAND, window);
  cues.mathStrong = countMatches(MATH_STRONG, words);
  cues.mathWeak = countMatches(MATH_WEAK, words);
  cues.numberWords = countMatches(NUMBER_WORD, words);
  cues.quantityQuestions = countMatches(QUANTITY_QUESTION, words);
  cues.summaryStrong = countMatches(SUMMARY_STRONG, words);
  cues.summarySoft = countMatches(SUMMARY_SOFT, words);
  cues.documentReferences = countMatches(DOCUMENT_REFERENCE, words);
  cues.persona = countMatches(PERSONA, words.length > 600 ? words.slice(0, 600) : words);
  cues.demands = countMatches(DEMAND, words);

  const transcript = scan.speakerLines >= TRANSCRIPT_MIN_LINES && scan.speakerLines * 4 >= scan.nonEmptyLines;
  const frame = instructionFrame(window);
  const framed = frame.bodyChars >= DOCUMENT_MIN_CHARS && (frame.head !== '' || frame.tail !== '');
  const referenced = cues.documentReferences > 0 && text.length >= DOCUMENT_MIN_CHARS * 2;
  let documentChars = 0;
  if (transcript || framed || referenced) documentChars = framed ? frame.bodyChars : window.length;
  if (documentChars > 0) {
    // The question about a document sits in its short head or tail paragraph; without that frame
    // (one long block), the first and last few hundred characters stand in for it.
    const instruction =
      frame.head !== '' || frame.tail !== ''
        ? `${frame.head}\n${frame.tail}`
        : `${window.slice(0, 300)}\n${window.slice(-300)}`;
    cues.contentQuestions = countMatches(CONTENT_QUESTION, instruction);
    cues.otherDocumentTasks = countMatches(OTHER_DOCUMENT_TASK, instruction);
  }
  return { totalChars: text.length, scan, cues, documentChars, transcript };
}
