import type { PromptAnalysis } from './analyze-prompt.js';

/** Evidence for each content class; chat is what remains when none is convincing. */
export interface ClassScores {
  code: number;
  reasoning: number;
  summary: number;
}

/** A class needs at least this much evidence to beat chat. */
export const MIN_CLASS_SCORE = 3;

function capped(count: number, weight: number, cap: number): number {
  return Math.min(count * weight, cap);
}

/**
 * Code evidence. Structure (code lines, fences, docstrings, brace-terminated lines) outweighs
 * vocabulary, because language names and words like "function" have everyday meanings.
 */
export function codeScore(analysis: PromptAnalysis): number {
  const { scan, cues } = analysis;
  let score = capped(scan.codeLines, 1, 8);
  if (scan.fenceLines >= 2) score += 2;
  if (scan.tripleQuotes >= 2 && scan.codeLines > 0) score += 4;
  score += capped(scan.doctestPrompts, 1, 3);
  if (scan.nonEmptyLines >= 3 && scan.braceEndLines * 4 >= scan.nonEmptyLines) score += 2;
  if (scan.chars > 0 && scan.codeSymbols / scan.chars > 0.02) score += 1;
  score += capped(scan.callSites, 0.25, 1);
  score += capped(cues.codeRequests, 3, 6);
  score += capped(cues.codeLanguages, 1, 3);
  score += capped(cues.codeTerms, 0.75, 3);
  score += capped(cues.contestCues, 2, 4);
  if (cues.persona > 0) score -= 3;
  return score;
}

/**
 * Maths evidence. Vocabulary only counts when there are quantities to work with, so a question
 * like "how many people live in Lima?" stays chat, while TeX and arithmetic count on their own.
 */
export function reasoningScore(analysis: PromptAnalysis): number {
  const { scan, cues } = analysis;
  const texDollars = scan.dollarSigns - scan.moneyAmounts;
  let score = capped(cues.texCommands, 1.5, 6);
  if (texDollars >= 2) score += 2;
  score += capped(scan.operators, 0.5, 3);
  const quantities = scan.numberTokens + cues.numberWords;
  const hasQuantities = quantities >= 2 || cues.texCommands > 0 || scan.operators > 0;
  if (hasQuantities) {
    score += quantities >= 4 ? 2 : 1;
    score += capped(cues.mathStrong, 1.5, 4.5);
    score += capped(cues.mathWeak, 0.5, 2);
    score += capped(cues.quantityQuestions, 2, 4);
    score += capped(scan.moneyAmounts, 0.5, 1);
  } else {
    score += capped(cues.mathStrong, 0.75, 1.5);
  }
  if (cues.persona > 0) score -= 3;
  return score;
}

/**
 * Summary evidence: an explicit request to condense, or a document (article, transcript) with a
 * short question about what it says. Other tasks over a document (classify, translate, reply)
 * count against it.
 */
export function summaryScore(analysis: PromptAnalysis): number {
  const { cues } = analysis;
  const hasDocument = analysis.documentChars > 0;
  let score = 0;
  if (cues.summaryStrong > 0) score += cues.summaryStrong > 1 ? 5 : 4;
  if (cues.summarySoft > 0) score += hasDocument ? 3 : 1.5;
  if (hasDocument) {
    score += 1;
    if (analysis.transcript) score += 2;
    if (cues.documentReferences > 0) score += 1;
    if (cues.contentQuestions > 0) score += 2;
    score -= capped(cues.otherDocumentTasks, 3, 6);
  }
  if (cues.persona > 0) score -= 2;
  return score;
}

/** All three content scores. */
export function scoreClasses(analysis: PromptAnalysis): ClassScores {
  return { code: codeScore(analysis), reasoning: reasoningScore(analysis), summary: summaryScore(analysis) };
}
