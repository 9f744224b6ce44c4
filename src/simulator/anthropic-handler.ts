import { buildAnswer, type ChatAnswer } from './answer.js';
import {
  anthropicInvalidRequest,
  anthropicPolicyViolation,
  anthropicPrefillNotSupported,
  anthropicPromptTooLong,
} from './anthropic-errors.js';
import { parseMessagesRequest } from './anthropic-request.js';
import { renderMessageJson, renderMessageTail } from './anthropic-response.js';
import { buildMessageEvents, writeMessageStream } from './anthropic-stream.js';
import type { ChatRequest } from './chat-request.js';
import type { SimulatorContext } from './context.js';
import type { SimulatedError } from './errors.js';
import type { Exchange } from './exchange.js';
import { answerEarlyFault, sendErrorWithFault, sendJsonWithFault } from './fault-responses.js';
import { type BodyErrors, type ModelRequest, parseModelRequest } from './model-request.js';
import type { StreamEvent } from './stream-writer.js';
import { countPromptTokens } from './usage.js';

/** Bodies larger than this are answered but not cached, to bound the cache's memory. */
const MAX_CACHED_BODY = 64 * 1024;

/** A validated Messages request with its answer and, once used, its serialised forms. */
export interface PreparedMessages {
  request: ChatRequest;
  answer: ChatAnswer;
  jsonTail?: string;
  events?: StreamEvent[];
}

/** What the simulator remembers about one distinct Messages body. */
export interface AnthropicEntry extends ModelRequest {
  outcome?: PreparedMessages | SimulatedError;
}

/** The Messages API's wording for the errors every body can hit. */
export const ANTHROPIC_BODY_ERRORS: BodyErrors = {
  invalidJson: () =>
    anthropicInvalidRequest('There was an issue with the format of the request body: invalid JSON.'),
  notObject: () => anthropicInvalidRequest('The request body must be a JSON object.'),
  missingModel: () => anthropicInvalidRequest('model: Field required'),
  invalidModel: (message) => anthropicInvalidRequest(message),
};

/** `POST /v1/messages`: faults first, then validation, then the (cached) answer. */
export function handleMessages(exchange: Exchange, raw: string, context: SimulatorContext): void {
  const record = exchange.record;
  let entry = context.anthropicCache.get(raw);
  if (entry === undefined) {
    const parsed = parseModelRequest(raw, record, ANTHROPIC_BODY_ERRORS);
    if ('status' in parsed) {
      exchange.sendError(parsed);
      return;
    }
    entry = parsed;
    if (raw.length <= MAX_CACHED_BODY) context.anthropicCache.set(raw, entry);
  } else {
    record.body = entry.body;
    record.model = entry.model;
    record.stream = entry.body.stream === true;
  }
  const applied = context.faults.apply(entry.model, entry.parsed, Date.now());
  if (answerEarlyFault(exchange, applied, entry.model)) return;
  entry.outcome ??= prepare(entry);
  const prepared = entry.outcome;
  if ('status' in prepared) {
    exchange.sendError(prepared);
    return;
  }
  const { fault } = applied;
  const { request, answer } = prepared;
  if (fault.contextLength) {
    sendErrorWithFault(exchange, anthropicPromptTooLong(answer.usage.prompt_tokens), fault);
    return;
  }
  if (fault.policy) {
    sendErrorWithFault(exchange, anthropicPolicyViolation(), fault);
    return;
  }
  if (fault.noPrefill && request.messages.at(-1)?.role === 'assistant') {
    sendErrorWithFault(exchange, anthropicPrefillNotSupported(), fault);
    return;
  }
  const id = `msg_${exchange.requestId.slice(4)}`;
  if (request.stream) {
    prepared.events ??= buildMessageEvents(answer);
    const start = { id, model: entry.model, answer };
    writeMessageStream(exchange, prepared.events, start, fault, fault.delayMs ?? context.defaultDelayMs);
  } else {
    prepared.jsonTail ??= renderMessageTail(answer);
    sendJsonWithFault(exchange, renderMessageJson(id, entry.model, prepared.jsonTail), fault);
  }
}

function prepare(entry: AnthropicEntry): PreparedMessages | SimulatedError {
  const request = parseMessagesRequest(entry.body, entry.model);
  if ('status' in request) return request;
  return { request, answer: buildAnswer(request, entry.parsed) };
}

/**
 * `POST /v1/messages/count_tokens`: `{input_tokens}`, the same count a Messages answer reports
 * as `input_tokens + cache_read_input_tokens`. The status, reset, silence, slow and cut faults
 * apply, as on every model endpoint.
 */
export function handleCountTokens(exchange: Exchange, raw: string, context: SimulatorContext): void {
  const parsed = parseModelRequest(raw, exchange.record, ANTHROPIC_BODY_ERRORS);
  if ('status' in parsed) {
    exchange.sendError(parsed);
    return;
  }
  exchange.record.stream = false;
  const applied = context.faults.apply(parsed.model, parsed.parsed, Date.now());
  if (answerEarlyFault(exchange, applied, parsed.model)) return;
  const request = parseMessagesRequest(parsed.body, parsed.model, true);
  if ('status' in request) {
    exchange.sendError(request);
    return;
  }
  const inputTokens = countPromptTokens(request.messages.map((message) => message.text));
  sendJsonWithFault(exchange, JSON.stringify({ input_tokens: inputTokens }), applied.fault);
}
