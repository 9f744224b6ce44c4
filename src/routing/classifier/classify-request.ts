import type { CanonMessage, CanonRequest } from '../../canon/index.js';
import { analyzePrompt } from './analyze-prompt.js';
import { analyzeBounded, classifyAnalysis } from './classify.js';
import { type ScanRanges, scanText } from './scan-text.js';
import { type ClassScores, MIN_CLASS_SCORE, scoreClasses } from './score-classes.js';
import { estimateTokens } from './script-measures.js';
import type { Classification } from './types.js';

/** The system prompt sets context but is not the task: its evidence counts at this weight... */
const SYSTEM_PROMPT_WEIGHT = 0.5;
/** ...and at most this much, below the score any class needs. */
const SYSTEM_PROMPT_CAP = MIN_CLASS_SCORE - 0.5;

/** Characters sampled per history text to guess its script mix for the token estimate. */
const HISTORY_SAMPLE_CHARS = 512;

/** Beyond any text's length (kept an integer so V8 keeps these fields small integers). */
const NOWHERE = 2 ** 30;

/** Read only a sample of the head, with word cues off: history texts are only measured for length. */
const LENGTH_SAMPLE: ScanRanges = {
  scanHeadEnd: HISTORY_SAMPLE_CHARS,
  scanTailStart: NOWHERE,
  vocabularyHeadEnd: 0,
  vocabularyTailStart: NOWHERE,
  personaEnd: 0,
  instructionHeadEnd: 0,
  instructionTailStart: NOWHERE,
  framed: false,
};

/** Every text a model would read in one message (text, reasoning, tool calls and results). */
function messageTexts(message: CanonMessage): string[] {
  const texts: string[] = [];
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
      case 'reasoning':
      case 'refusal':
        texts.push(part.text);
        break;
      case 'tool-call':
        texts.push(part.argumentsJson);
        break;
      case 'tool-result':
        for (const inner of part.content) if (inner.type === 'text') texts.push(inner.text);
        break;
      default:
        break;
    }
  }
  return texts;
}

/** Token estimate from a bounded sample, so a long history costs the same as a short one. */
function sampledTokens(text: string): number {
  if (text.length === 0) return 0;
  return estimateTokens(scanText(text, LENGTH_SAMPLE).scan, text.length);
}

/**
 * The system prompt's share: half its evidence, and never enough to pick a class on its own (a coding
 * assistant's user may still ask about the weather); it tips close calls in the user message.
 */
function systemShare(scores: ClassScores): ClassScores {
  const share = (score: number) => Math.min(Math.max(0, score) * SYSTEM_PROMPT_WEIGHT, SYSTEM_PROMPT_CAP);
  return { code: share(scores.code), reasoning: share(scores.reasoning), summary: share(scores.summary) };
}

/**
 * Classifies a canonical request: scans the LAST user message's text parts (plus, with less weight,
 * the system prompt); long_context is decided on the total text of all messages, and
 * `estimatedTokens` is that total (text, reasoning, tool calls and tool results; images and files
 * are not counted).
 */
export function classifyRequest(request: CanonRequest): Classification {
  let lastUser = -1;
  for (let i = request.messages.length - 1; i >= 0; i--) {
    if (request.messages[i]?.role === 'user') {
      lastUser = i;
      break;
    }
  }
  const systemTexts: string[] = [];
  let otherTokens = 0;
  let otherChars = 0;
  let promptText = '';
  request.messages.forEach((message, index) => {
    const texts = messageTexts(message);
    if (index === lastUser) {
      promptText = texts.join('\n\n');
      return;
    }
    if (message.role === 'system') systemTexts.push(...texts);
    for (const text of texts) {
      otherTokens += sampledTokens(text);
      otherChars += text.length;
    }
  });

  const analysis = analyzeBounded(promptText, promptText.length + otherChars);
  const promptTokens = estimateTokens(analysis.scan, analysis.totalChars);
  let extraScores: ClassScores | undefined;
  if (systemTexts.length > 0) {
    const system = analyzePrompt(systemTexts.join('\n\n'));
    // "You are a helpful assistant" is the norm in a system prompt, not a role-play request.
    system.cues.persona = 0;
    extraScores = systemShare(scoreClasses(system));
  }
  return classifyAnalysis({
    analysis,
    totalTokens: promptTokens + otherTokens,
    ...(extraScores && { extraScores }),
  });
}
