import type { SimulatorContext } from './context.js';
import { invalidRequest, missingParameter } from './errors.js';
import type { Exchange } from './exchange.js';
import { answerEarlyFault, sendJsonWithFault } from './fault-responses.js';
import { stableId } from './hash.js';
import { parseModelRequest } from './model-request.js';

/** Words that flag a category, so tests can script a flagged answer. */
const CATEGORY_WORDS: Readonly<Record<string, readonly string[]>> = {
  violence: ['kill', 'attack', 'murder'],
  harassment: ['idiot', 'stupid'],
  hate: ['hateful'],
  'self-harm': ['self-harm'],
  sexual: ['explicit'],
  illicit: ['steal'],
};

/** `POST /v1/moderations`: `input` a string or strings; a category is flagged when its words appear. */
export function handleModerations(exchange: Exchange, raw: string, context: SimulatorContext): void {
  const parsed = parseModelRequest(raw, exchange.record);
  if ('status' in parsed) {
    exchange.sendError(parsed);
    return;
  }
  const applied = context.faults.apply(parsed.model, parsed.parsed, Date.now());
  if (answerEarlyFault(exchange, applied, parsed.model)) return;
  const input = parsed.body.input;
  if (input === undefined || input === null) {
    exchange.sendError(missingParameter('input'));
    return;
  }
  const texts = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(texts) || texts.length === 0 || !texts.every((text) => typeof text === 'string')) {
    exchange.sendError(
      invalidRequest("'input' must be a string or a list of strings.", 'input', 'invalid_value'),
    );
    return;
  }
  const results = texts.map((text) => {
    const lower = text.toLowerCase();
    const categories: Record<string, boolean> = {};
    const scores: Record<string, number> = {};
    for (const [category, words] of Object.entries(CATEGORY_WORDS)) {
      const hit = words.some((word) => lower.includes(word));
      categories[category] = hit;
      scores[category] = hit ? 0.91 : 0.0012;
    }
    return {
      flagged: Object.values(categories).some(Boolean),
      categories,
      category_scores: scores,
    };
  });
  const body = { id: `modr-${stableId(texts.join('\u0000'))}`, model: parsed.model, results };
  sendJsonWithFault(exchange, JSON.stringify(body), applied.fault);
}
