import type { PromptAnalysis } from './analyze-prompt.js';

/** Below this many tokens length adds nothing to complexity; at the long-context line it adds its full share. */
const SHORT_PROMPT_TOKENS = 32;
const LONG_PROMPT_TOKENS = 8_000;

function share(value: number, full: number): number {
  return Math.min(value, full) / full;
}

/**
 * How demanding a prompt looks, 0..1. Each part saturates, so no single signal (a long paste, a
 * page of TeX) can carry the score to 1 alone. Weights sum to 1.
 */
export function estimateComplexity(analysis: PromptAnalysis, tokens: number): number {
  const { scan, cues } = analysis;
  const lengthShare =
    tokens <= SHORT_PROMPT_TOKENS
      ? 0
      : Math.min(
          1,
          Math.log(tokens / SHORT_PROMPT_TOKENS) / Math.log(LONG_PROMPT_TOKENS / SHORT_PROMPT_TOKENS),
        );
  const demandShare = share(cues.demands, 6);
  const questionShare = share(Math.max(0, scan.questionMarks - 1), 3);
  const codeShare = share(scan.codeLines + scan.braceEndLines / 2, 40);
  const mathShare = share(cues.texCommands + scan.operators + cues.mathStrong, 16);
  const score =
    0.3 * lengthShare + 0.3 * demandShare + 0.1 * questionShare + 0.15 * codeShare + 0.15 * mathShare;
  return Math.round(Math.min(1, score) * 1000) / 1000;
}
