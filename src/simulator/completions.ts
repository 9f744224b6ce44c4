import { buildAnswer } from './answer.js';
import type { SimulatorContext } from './context.js';
import { invalidRequest, missingParameter } from './errors.js';
import type { Exchange } from './exchange.js';
import { answerEarlyFault, sendJsonWithFault } from './fault-responses.js';
import { stableId } from './hash.js';
import { parseModelRequest } from './model-request.js';
import { type StreamEvent, writeEvents } from './stream-writer.js';

/**
 * Legacy `POST /v1/completions`: the same deterministic text a chat request with the prompt as its only
 * user message gets, as `text_completion` (JSON, or SSE with `[DONE]`), with the same faults.
 */
export function handleCompletions(exchange: Exchange, raw: string, context: SimulatorContext): void {
  const parsed = parseModelRequest(raw, exchange.record);
  if ('status' in parsed) {
    exchange.sendError(parsed);
    return;
  }
  const applied = context.faults.apply(parsed.model, parsed.parsed, Date.now());
  if (answerEarlyFault(exchange, applied, parsed.model)) return;
  const { prompt, max_tokens: maxTokens, stream } = parsed.body;
  const text =
    typeof prompt === 'string'
      ? prompt
      : Array.isArray(prompt) && typeof prompt[0] === 'string'
        ? prompt[0]
        : undefined;
  if (text === undefined) {
    exchange.sendError(
      prompt === undefined
        ? missingParameter('prompt')
        : invalidRequest("'prompt' must be a string.", 'prompt', 'invalid_type'),
    );
    return;
  }
  if (
    maxTokens !== undefined &&
    (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)
  ) {
    exchange.sendError(
      invalidRequest("'max_tokens' must be a positive integer.", 'max_tokens', 'invalid_value'),
    );
    return;
  }
  const answer = buildAnswer(
    {
      model: parsed.model,
      messages: [{ role: 'user', text }],
      stream: stream === true,
      includeUsage: false,
      n: 1,
      maxTokens: maxTokens as number | undefined,
      stop: [],
      seed: undefined,
      logprobs: false,
      topLogprobs: 0,
      tools: [],
      toolChoice: 'none',
      parallelToolCalls: false,
      responseFormat: { type: 'text' },
      thinking: false,
    },
    parsed.parsed,
  );
  const choice = answer.choices[0];
  const id = `cmpl-${stableId(`${parsed.model}\u0000${text}`)}`;
  const created = Math.floor(Date.now() / 1000);
  const usage = {
    prompt_tokens: answer.usage.prompt_tokens,
    completion_tokens: answer.usage.completion_tokens,
    total_tokens: answer.usage.total_tokens,
  };
  const chunk = (pieceText: string, finish: string | null, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      id,
      object: 'text_completion',
      created,
      model: parsed.model,
      choices: [{ text: pieceText, index: 0, logprobs: null, finish_reason: finish }],
      ...extra,
    });
  if (stream !== true) {
    const body = {
      id,
      object: 'text_completion',
      created,
      model: parsed.model,
      choices: [
        {
          text: choice?.content ?? '',
          index: 0,
          logprobs: null,
          finish_reason: choice?.finishReason ?? 'stop',
        },
      ],
      usage,
    };
    sendJsonWithFault(exchange, JSON.stringify(body), applied.fault);
    return;
  }
  const events: StreamEvent[] = (choice?.pieces ?? []).map((piece) => ({
    kind: 'content',
    text: `data: ${chunk(piece, null)}\n\n`,
  }));
  events.push({ kind: 'finish', text: `data: ${chunk('', choice?.finishReason ?? 'stop', { usage })}\n\n` });
  if (!applied.fault.noDone) events.push({ kind: 'other', text: 'data: [DONE]\n\n' });
  writeEvents(
    exchange,
    events,
    { contentType: 'text/event-stream; charset=utf-8', malformed: 'data: {"id": broken\n\n' },
    applied.fault,
    applied.fault.delayMs ?? context.defaultDelayMs,
  );
}
