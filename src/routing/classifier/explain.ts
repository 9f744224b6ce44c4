import type { PromptAnalysis } from './analyze-prompt.js';
import type { ClassScores } from './score-classes.js';
import type { TaskClass } from './types.js';

/** The facts a reason is written from. */
export interface ReasonInput {
  taskClass: TaskClass;
  analysis: PromptAnalysis;
  scores: ClassScores;
  tokens: number;
  longContextTokens: number;
}

function codeCues(analysis: PromptAnalysis): string[] {
  const { scan, cues } = analysis;
  const found: string[] = [];
  if (scan.fenceLines >= 2) found.push('fences');
  if (scan.codeLines > 0) found.push(`${scan.codeLines} code lines`);
  if (scan.tripleQuotes >= 2) found.push('docstring');
  if (cues.codeRequests > 0) found.push('request for code');
  if (cues.codeLanguages + cues.codeLanguagesShared > 0) found.push('language names');
  if (cues.contestCues > 0) found.push('input/output spec');
  if (scan.braceEndLines > 0) found.push('brace-terminated lines');
  return found;
}

function mathCues(analysis: PromptAnalysis): string[] {
  const { scan, cues } = analysis;
  const found: string[] = [];
  if (cues.texCommands > 0 || scan.texDollars >= 2) found.push('TeX');
  if (scan.operators > 0) found.push('arithmetic');
  if (scan.numberTokens + cues.numberWords >= 2) found.push('quantities');
  if (cues.mathStrong > 0 || cues.quantityQuestions > 0) found.push('maths vocabulary');
  return found;
}

function summaryCues(analysis: PromptAnalysis): string[] {
  const { cues } = analysis;
  const found: string[] = [];
  if (cues.summaryStrong + cues.summarySoft > 0) found.push('summary request');
  if (analysis.transcript) found.push('transcript');
  else if (analysis.documentChars > 0) found.push(`document of ${analysis.documentChars} chars`);
  if (cues.contentQuestions > 0) found.push('question about its content');
  return found;
}

function listed(cues: string[]): string {
  return cues.length > 0 ? cues.join(', ') : 'combined weak cues';
}

/** One ASCII line saying why the prompt got its class (no prompt text is quoted, so no PII). */
export function explain(input: ReasonInput): string {
  const { taskClass, analysis, scores } = input;
  switch (taskClass) {
    case 'long_context':
      return `about ${input.tokens} tokens (>= ${input.longContextTokens}) -> long context`;
    case 'code':
      return `code cues (${listed(codeCues(analysis))}), score ${scores.code.toFixed(1)} -> code`;
    case 'reasoning':
      return `maths cues (${listed(mathCues(analysis))}), score ${scores.reasoning.toFixed(1)} -> reasoning`;
    case 'summary':
      return `summary cues (${listed(summaryCues(analysis))}), score ${scores.summary.toFixed(1)} -> summary`;
    case 'chat': {
      const best = Math.max(scores.code, scores.reasoning, scores.summary);
      const persona = analysis.cues.persona > 0 ? 'persona or role-play prompt, ' : '';
      return `${persona}no class above threshold (best score ${best.toFixed(1)}) -> chat`;
    }
  }
}
