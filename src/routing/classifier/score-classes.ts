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
 * Code structure (statements, docstrings, fences, braces) at or above this makes a text code-shaped:
 * its numbers are data and its words are not prose.
 */
const CODE_STRUCTURE_MIN = 3;

/**
 * Evidence from the shape of the text: statements, fences, docstrings, braces, symbols, and the
 * input/output sections of a programming-contest statement (which otherwise reads like maths).
 */
function codeStructure(analysis: PromptAnalysis): number {
  const { scan, cues } = analysis;
  let score = capped(scan.codeLines, 1, 8);
  if (scan.fenceLines >= 2) score += 3;
  if (scan.tripleQuotes >= 2 && scan.codeLines > 0) score += 4;
  score += capped(scan.doctestPrompts, 1, 3);
  if (scan.nonEmptyLines >= 3 && scan.braceEndLines * 4 >= scan.nonEmptyLines) score += 2;
  if (scan.indentedLines >= 3 && scan.indentedLines * 3 >= scan.nonEmptyLines) score += 1;
  if (scan.chars > 0 && scan.codeSymbols / scan.chars > 0.02) score += 1;
  score += capped(scan.callSites, 0.25, 1);
  if (cues.contestCues >= 2) score += 3;
  return score;
}

/**
 * Code evidence. Structure (code lines, fences, docstrings, brace-terminated lines) outweighs
 * vocabulary, because language names and words like "function" have everyday meanings.
 */
export function codeScore(analysis: PromptAnalysis): number {
  const { cues } = analysis;
  let vocabulary =
    capped(cues.codeLanguages, 3, 4.5) +
    capped(cues.codeLanguagesShared, 1, 2) +
    capped(cues.codeTerms, 0.75, 3) +
    capped(cues.contestCues, 2, 4);
  // "Sort a dict by value in Python": a language named together with programming vocabulary.
  if (cues.codeLanguages + cues.codeLanguagesShared > 0 && cues.codeTerms > 0) vocabulary += 1.5;
  const structure = codeStructure(analysis);
  const requested = capped(cues.codeRequests, 3, 6) + vocabulary;
  // "I want you to act as a Linux terminal" is role-play about code (chat): it discounts what the
  // prompt says about code, not code it actually contains.
  const words = cues.persona > 0 ? requested * 0.3 : requested;
  // Programming words inside a carried prose document (a meeting about "functions") are its topic.
  const inProse = analysis.aboutDocument && structure < CODE_STRUCTURE_MIN;
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
  const texDollars = scan.texDollars;
  let score = capped(cues.texCommands, 1.5, 6);
  if (texDollars >= 2) score += 2.5;
  score += capped(scan.operators, 0.5, 3);
  score += capped(scan.percentages, 0.5, 1);
  const quantities = scan.numberTokens + cues.numberWords;
  // "How many ...?" alone asks for a fact ("how many calories are in 2 eggs?"); a maths word with a
  // number ("is 221 prime?", "divisors of 196") or two figures with a question is a problem.
  const hasQuantities =
    quantities >= 2 ||
    cues.texCommands > 0 ||
    scan.operators > 0 ||
    cues.mathStrong >= 2 ||
    (quantities >= 1 && cues.mathStrong >= 1);
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
  // Units and figures without anything asked or computed ("bake at 350 degrees for 45 minutes").
  const asks =
    cues.mathStrong +
    cues.quantityQuestions +
    cues.texCommands +
    texDollars +
    scan.operators +
    scan.questionMarks;
  if (asks === 0) score = Math.min(score, MIN_CLASS_SCORE - 0.5);
  const tex = cues.texCommands > 0 || texDollars >= 2;
  // Inside code, or in a request for code, the numbers are data and the maths is what to implement.
  if (!tex && (codeStructure(analysis) >= CODE_STRUCTURE_MIN || cues.codeRequests > 0)) score *= 0.4;
  if (analysis.aboutDocument && cues.texCommands === 0) score *= analysis.transcript ? 0.3 : 0.4;
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
  const condense = cues.summaryStrong + cues.summarySoft > 0;
  // A question about a transcript ("what was the budget?") asks what the meeting said.
  const asksAboutContent =
    cues.contentQuestions > 0 || (analysis.transcript && analysis.scan.instructionQuestions > 0);
  let score = 0;
  if (cues.summaryStrong > 0) score += cues.summaryStrong > 1 ? 5 : 4;
  if (cues.summarySoft > 0) score += hasDocument ? 3 : 1.5;
  if (hasDocument) {
    score += 1;
    if (analysis.transcript) score += 2;
    if (cues.documentReferences > 0) score += 1;
    if (asksAboutContent) score += 2;
    // Classify, translate, reply: another task over the document, unless it also asks to condense.
    if (!condense) score -= capped(cues.otherDocumentTasks, 3, 6);
  }
  // A document alone is not a request (a story with dialogue in it), and role-play is chat even when
  // the character is asked to summarise or the scene is a dialogue.
  if ((!condense && !asksAboutContent) || cues.persona > 0) score = Math.min(score, MIN_CLASS_SCORE - 0.5);
  return score;
}

/** All three content scores. */
export function scoreClasses(analysis: PromptAnalysis): ClassScores {
  return { code: codeScore(analysis), reasoning: reasoningScore(analysis), summary: summaryScore(analysis) };
}
