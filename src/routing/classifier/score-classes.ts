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

/** Code structure (statements, docstrings, fences, braces) at or above this makes a text code-shaped: its numbers are data, its words are not prose. */
const CODE_STRUCTURE_MIN = 3;

/** Evidence from the shape of the text alone: statements, fences, docstrings, braces, symbols. */
function codeStructure(analysis: PromptAnalysis): number {
  const { scan } = analysis;
  let score = capped(scan.codeLines, 1, 8);
  if (scan.fenceLines >= 2) score += 2;
  if (scan.tripleQuotes >= 2 && scan.codeLines > 0) score += 4;
  score += capped(scan.doctestPrompts, 1, 3);
  if (scan.nonEmptyLines >= 3 && scan.braceEndLines * 4 >= scan.nonEmptyLines) score += 2;
  if (scan.chars > 0 && scan.codeSymbols / scan.chars > 0.02) score += 1;
  score += capped(scan.callSites, 0.25, 1);
  return score;
}

/**
 * Code evidence. Structure (code lines, fences, docstrings, brace-terminated lines) outweighs
 * vocabulary, because language names and words like "function" have everyday meanings.
 */
export function codeScore(analysis: PromptAnalysis): number {
  const { scan, cues } = analysis;
  let vocabulary =
    capped(cues.codeLanguages, 2, 4) + capped(cues.codeTerms, 0.75, 3) + capped(cues.contestCues, 2, 4);
  // "How do I ... in Rust?": a question about something programming-specific.
  if (cues.codeLanguages + cues.codeTerms >= 2 && scan.questionMarks > 0) vocabulary += 1;
  // "Act as a Linux terminal" talks about code without asking for any: role-play discounts the
  // vocabulary, not actual code or an explicit request for some.
  const discounted = cues.persona > 0 ? Math.max(0, vocabulary - 3) : vocabulary;
  const structure = codeStructure(analysis);
  const words = capped(cues.codeRequests, 3, 6) + discounted;
  // Programming words inside a carried prose document (a meeting about "functions") are its topic.
  const inProse = analysis.documentChars > 0 && structure < CODE_STRUCTURE_MIN;
  return structure + (inProse ? words * 0.4 : words);
}

/**
 * Maths evidence. Vocabulary only counts fully when there are quantities to work with, so a
 * question like "how many people live in Lima?" stays chat, while TeX and arithmetic count on their
 * own. Numbers inside code (examples, tests) or inside a carried document (an article's figures) are
 * data rather than a problem, so those contexts damp the score.
 */
export function reasoningScore(analysis: PromptAnalysis): number {
  const { scan, cues } = analysis;
  const texDollars = scan.dollarSigns - scan.moneyAmounts;
  let score = capped(cues.texCommands, 1.5, 6);
  if (texDollars >= 2) score += 2.5;
  score += capped(scan.operators, 0.5, 3);
  score += capped(scan.percentages, 0.5, 1);
  const quantities = scan.numberTokens + cues.numberWords;
  const hasQuantities = quantities >= 2 || cues.texCommands > 0 || scan.operators > 0 || cues.mathStrong >= 2;
  // Figures alone (a date, "top 10", "2,000 words") are not a problem; with maths words they are.
  const mathVocabulary =
    cues.mathStrong + cues.mathWeak + cues.quantityQuestions + scan.operators + scan.percentages;
  if (hasQuantities) {
    if (mathVocabulary > 0) score += quantities >= 4 ? 2 : quantities >= 1 ? 1 : 0;
    score += capped(cues.mathStrong, 1.5, 4.5);
    score += capped(cues.mathWeak, 0.5, 2);
    score += capped(cues.quantityQuestions, 2, 4);
    score += capped(scan.moneyAmounts, 0.5, 1);
    // A short text with several quantities that asks something: the shape of a word problem.
    if (quantities >= 3 && scan.chars < 1_500 && (scan.questionMarks > 0 || cues.mathWeak > 0)) score += 1;
  } else {
    score += capped(cues.mathStrong, 0.75, 1.5);
  }
  const tex = cues.texCommands > 0 || texDollars >= 2;
  if (!tex && codeStructure(analysis) >= CODE_STRUCTURE_MIN) score *= 0.4;
  if (analysis.documentChars > 0 && cues.texCommands === 0) score *= analysis.transcript ? 0.3 : 0.4;
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
    // Classify, translate, reply: another task over the document, unless it also asks to condense.
    if (cues.summaryStrong + cues.summarySoft === 0) score -= capped(cues.otherDocumentTasks, 3, 6);
  }
  if (cues.persona > 0) score -= 2;
  return score;
}

/** All three content scores. */
export function scoreClasses(analysis: PromptAnalysis): ClassScores {
  return { code: codeScore(analysis), reasoning: reasoningScore(analysis), summary: summaryScore(analysis) };
}
