import { analyzePrompt, type PromptAnalysis } from './analyze-prompt.js';
import { estimateComplexity } from './complexity.js';
import { explain } from './explain.js';
import { type ClassScores, MIN_CLASS_SCORE, scoreClasses } from './score-classes.js';
import { estimateTokens, guessLanguage } from './script-measures.js';
import type { Classification, TaskClass } from './types.js';

/**
 * At or above this many estimated tokens a prompt is long_context whatever it asks: the router
 * must send it to a model with a large window before anything else matters.
 */
export const LONG_CONTEXT_TOKENS = 8_000;

/**
 * The token estimate never gives fewer than one token per four characters, so a text this long is
 * long_context before anything is scanned; only a sample is then read (language, complexity).
 */
export const CERTAINLY_LONG_CHARS = LONG_CONTEXT_TOKENS * 4;
const LONG_TEXT_SAMPLE_CHARS = 4_096;

/**
 * Analyses `text`, or only its head when `contextChars` (the text plus whatever else the model will
 * read) is long enough to settle the class by length alone: the cost then stops growing with length.
 */
export function analyzeBounded(text: string, contextChars: number = text.length): PromptAnalysis {
  return contextChars < CERTAINLY_LONG_CHARS
    ? analyzePrompt(text)
    : analyzePrompt(text, LONG_TEXT_SAMPLE_CHARS);
}

/** What a classification is computed from: the scanned prompt, plus optional lighter context. */
export interface ClassificationInput {
  analysis: PromptAnalysis;
  /** Added to the prompt's own scores (e.g. the system prompt's, already down-weighted). */
  extraScores?: ClassScores;
  /** Estimated tokens of everything the model will read (defaults to the prompt's). */
  totalTokens?: number;
}

function pickClass(scores: ClassScores): TaskClass {
  let best: TaskClass = 'chat';
  let bestScore = Number.NEGATIVE_INFINITY;
  // Ties go to the earlier class: code, then reasoning, then summary.
  for (const taskClass of ['code', 'reasoning', 'summary'] as const) {
    if (scores[taskClass] >= MIN_CLASS_SCORE && scores[taskClass] > bestScore) {
      best = taskClass;
      bestScore = scores[taskClass];
    }
  }
  return best;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function buildFeatures(
  analysis: PromptAnalysis,
  scores: ClassScores,
  tokens: number,
): Record<string, number> {
  const { scan, cues } = analysis;
  return {
    tokens,
    codeScore: round(scores.code),
    reasoningScore: round(scores.reasoning),
    summaryScore: round(scores.summary),
    codeLines: scan.codeLines,
    fenceLines: scan.fenceLines,
    codeRequests: cues.codeRequests,
    texCommands: cues.texCommands,
    operators: scan.operators,
    numbers: scan.numberTokens + cues.numberWords,
    mathWords: cues.mathStrong + cues.quantityQuestions,
    summaryCues: cues.summaryStrong + cues.summarySoft,
    documentChars: analysis.documentChars,
    speakerLines: scan.speakerLines,
    otherDocumentTasks: cues.otherDocumentTasks,
    persona: cues.persona,
  };
}

/** Decides the class of an analysed prompt. Length first, then the content scores. */
export function classifyAnalysis(input: ClassificationInput): Classification {
  const { analysis } = input;
  const promptTokens = estimateTokens(analysis.scan, analysis.totalChars);
  const tokens = input.totalTokens ?? promptTokens;
  const scores = scoreClasses(analysis);
  if (input.extraScores) {
    scores.code += input.extraScores.code;
    scores.reasoning += input.extraScores.reasoning;
    scores.summary += input.extraScores.summary;
  }
  const taskClass = tokens >= LONG_CONTEXT_TOKENS ? 'long_context' : pickClass(scores);
  return {
    taskClass,
    complexity: estimateComplexity(analysis, tokens),
    estimatedTokens: tokens,
    language: guessLanguage(analysis.scan),
    features: buildFeatures(analysis, scores, tokens),
    reason: explain({ taskClass, analysis, scores, tokens, longContextTokens: LONG_CONTEXT_TOKENS }),
  };
}

/** Classifies one prompt text. Deterministic; cost linear in its length and bounded on long texts. */
export function classifyText(text: string): Classification {
  return classifyAnalysis({ analysis: analyzeBounded(text) });
}
