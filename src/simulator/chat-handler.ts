import { buildAnswer } from './answer.js';
import { renderChatJson, renderChatJsonTail } from './chat-json.js';
import { parseChatRequest } from './chat-request.js';
import { buildStreamFrames, streamHead, writeStream } from './chat-stream.js';
import type { ChatEntry, PreparedChat, SimulatorContext } from './context.js';
import {
  contentPolicyViolation,
  contextLengthExceeded,
  prefillNotSupported,
  type SimulatedError,
} from './errors.js';
import type { Exchange } from './exchange.js';
import { answerEarlyFault, sendErrorWithFault, sendJsonWithFault } from './fault-responses.js';
import { parseModelRequest } from './model-request.js';

/** Bodies larger than this are answered but not cached, to bound the cache's memory. */
const MAX_CACHED_BODY = 64 * 1024;

/** `POST /v1/chat/completions`: faults first, then validation, then the (cached) answer. */
export function handleChat(exchange: Exchange, raw: string, context: SimulatorContext): void {
  const record = exchange.record;
  let entry = context.chatCache.get(raw);
  if (entry === undefined) {
    const parsed = parseModelRequest(raw, record);
    if ('status' in parsed) {
      exchange.sendError(parsed);
      return;
    }
    entry = parsed;
    if (raw.length <= MAX_CACHED_BODY) context.chatCache.set(raw, entry);
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
    sendErrorWithFault(exchange, contextLengthExceeded(answer.usage.prompt_tokens), fault);
    return;
  }
  if (fault.policy) {
    sendErrorWithFault(exchange, contentPolicyViolation(), fault);
    return;
  }
  if (fault.noPrefill && request.messages.at(-1)?.role === 'assistant') {
    sendErrorWithFault(exchange, prefillNotSupported(), fault);
    return;
  }
  const id = `chatcmpl-${exchange.requestId.slice(4)}`;
  const created = Math.floor(Date.now() / 1000);
  if (request.stream) {
    prepared.frames ??= buildStreamFrames(answer, request.includeUsage);
    writeStream(
      exchange,
      prepared.frames,
      streamHead(id, created, entry.model),
      fault,
      fault.delayMs ?? context.defaultDelayMs,
    );
  } else {
    prepared.jsonTail ??= renderChatJsonTail(answer);
    sendJsonWithFault(exchange, renderChatJson(id, created, entry.model, prepared.jsonTail), fault);
  }
}

function prepare(entry: ChatEntry): PreparedChat | SimulatedError {
  const request = parseChatRequest(entry.body, entry.model);
  if ('status' in request) return request;
  return { request, answer: buildAnswer(request, entry.parsed) };
}
