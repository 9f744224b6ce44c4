import type { CanonRequest, Warning } from '../../canon/index.js';
import type { WireObject } from '../shared/read-fields.js';

/** Gemini's documented limit on stop sequences. */
const maxStopSequences = 5;

/**
 * Gateway policy for Gemini 2.x, which takes a token budget rather than an effort word (Gemini 3 takes
 * `thinkingLevel`). Budgets sit within every 2.5 model's accepted range except 'none' (2.5 Pro cannot
 * switch thinking off; the upstream says so).
 */
const effortBudgets: Record<string, number> = {
  none: 0,
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 32768,
};
const effortLevels: Record<string, string> = {
  none: 'MINIMAL',
  minimal: 'MINIMAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  xhigh: 'HIGH',
};

/** Gemini 3 and later choose thinking by level; sending a budget and a level together is a 400. */
export function usesThinkingLevel(upstreamModel: string): boolean {
  const major = /gemini-(\d+)/i.exec(upstreamModel)?.[1];
  return major !== undefined && Number(major) >= 3;
}

/** Canonical sampling, output format, reasoning, candidates and logprobs → `generationConfig`. */
export function encodeGenerationConfig(
  request: CanonRequest,
  upstreamModel: string,
  warnings: Warning[],
): WireObject {
  const config: WireObject = {};
  const sampling = request.sampling;
  const set = (key: string, value: unknown) => {
    if (value !== undefined) config[key] = value;
  };
  set('maxOutputTokens', sampling.maxOutputTokens);
  set('temperature', sampling.temperature);
  set('topP', sampling.topP);
  set('topK', sampling.topK);
  set('seed', sampling.seed);
  set('presencePenalty', sampling.presencePenalty);
  set('frequencyPenalty', sampling.frequencyPenalty);
  if (sampling.stopSequences) {
    config.stopSequences = sampling.stopSequences.slice(0, maxStopSequences);
    if (sampling.stopSequences.length > maxStopSequences) {
      warnings.push({
        code: 'parameter-changed',
        field: 'stop',
        message: `Gemini accepts at most ${maxStopSequences} stop sequences; the rest were dropped.`,
      });
    }
  }
  set('candidateCount', request.choiceCount);
  if (request.logprobs) {
    config.responseLogprobs = request.logprobs.enabled;
    set('logprobs', request.logprobs.top);
  }
  if (request.output?.type === 'text') config.responseMimeType = 'text/plain';
  else if (request.output?.type === 'json') {
    config.responseMimeType = 'application/json';
    if (request.output.schema) config.responseJsonSchema = request.output.schema;
  }
  const thinking = encodeThinking(request.reasoning, upstreamModel, warnings);
  if (thinking) config.thinkingConfig = thinking;
  return config;
}

/**
 * Reasoning → `thinkingConfig`: an explicit budget wins (every Gemini model accepts `thinkingBudget`);
 * otherwise the effort becomes a level (Gemini 3) or a budget (Gemini 2.x). Thoughts are included
 * whenever thinking is on, so callers that asked for reasoning see it.
 */
function encodeThinking(
  reasoning: CanonRequest['reasoning'],
  upstreamModel: string,
  warnings: Warning[],
): WireObject | undefined {
  if (!reasoning) return undefined;
  const thinking: WireObject = {};
  if (reasoning.budgetTokens !== undefined) thinking.thinkingBudget = reasoning.budgetTokens;
  else if (reasoning.effort !== undefined) {
    if (usesThinkingLevel(upstreamModel)) {
      thinking.thinkingLevel = effortLevels[reasoning.effort];
      if (reasoning.effort === 'none') {
        warnings.push({
          code: 'parameter-changed',
          field: 'reasoning_effort',
          message: 'Gemini 3 models cannot switch thinking off; the minimal level was requested instead.',
        });
      }
    } else thinking.thinkingBudget = effortBudgets[reasoning.effort];
  }
  const off = reasoning.effort === 'none' || reasoning.budgetTokens === 0;
  if (!off && Object.keys(thinking).length > 0) thinking.includeThoughts = true;
  return Object.keys(thinking).length > 0 ? thinking : undefined;
}
