import type { PromptAnalysis } from './analyze-prompt.js';

/** Prompts up to this many tokens get no points for length; each doubling beyond adds one point. */
const SHORT_PROMPT_TOKENS = 32;
/** Points at which complexity reaches 1 - 1/e (about 0.63). */
const POINTS_SCALE = 6;

/**
 * How demanding a prompt looks, 0..1. Points for length (log scale, capped so a long paste alone
 * stays mid-range), for each demand cue (must, ensure, compare, trade-offs, step by step, edge
 * cases), for maths depth (TeX, operators, maths vocabulary), for code size, and for structure
 * (several questions, enumerated requirements). Each part is capped; the sum saturates smoothly,
 * so a multi-constraint design request lands well above a one-line question. Words inside a carried
 * document count for little: they describe the document, not the task.
 */
export function estimateComplexity(analysis: PromptAnalysis, tokens: number): number {
  const { scan, cues } = analysis;
  const lengthPoints =
    tokens <= SHORT_PROMPT_TOKENS ? 0 : Math.min(4, Math.log2(tokens / SHORT_PROMPT_TOKENS));
  const demandPoints = Math.min(8, cues.demands);
  const mathPoints = Math.min(4, 0.3 * (cues.texCommands + scan.operators) + 0.5 * cues.mathStrong);
  const codePoints = Math.min(4, 0.2 * scan.codeLines + 0.1 * scan.braceEndLines + cues.codeRequests);
  const structurePoints = Math.min(2, 0.5 * Math.max(0, scan.questionMarks - 1) + 0.25 * scan.listLines);
  // In a carried document (an article, a transcript) "must" or a figure is content, not a demand.
  const askedPoints = demandPoints + mathPoints + structurePoints;
  const points = lengthPoints + codePoints + (analysis.aboutDocument ? 0.3 * askedPoints : askedPoints);
  return Math.round((1 - Math.exp(-points / POINTS_SCALE)) * 1000) / 1000;
}
