import { buildAnswer, type ChatAnswer } from './answer.js';
import { isRecord } from './chat-request.js';
import type { SimulatorContext } from './context.js';
import type { SimulatedError } from './errors.js';
import type { Exchange } from './exchange.js';
import { answerEarlyFault, sendErrorWithFault, sendJsonWithFault } from './fault-responses.js';
import type { ParsedModel } from './faults.js';
import { parseContents } from './gemini-contents.js';
import {
  geminiContextTooLong,
  geminiErrorBody,
  geminiInvalidArgument,
  geminiPrefillNotSupported,
} from './gemini-errors.js';
import { fieldOf, unknownField } from './gemini-fields.js';
import { type GeminiRequest, parseGenerateRequest } from './gemini-request.js';
import { blockedPromptHead, renderGenerateHead, withResponseId } from './gemini-response.js';
import { buildGeminiChunks, type GeminiChunk, writeGeminiStream } from './gemini-stream.js';
import { type BodyErrors, parseJsonBody, parseModelName } from './model-request.js';
import { countPromptTokens } from './usage.js';

/** Bodies larger than this are answered but not cached, to bound the cache's memory. */
const MAX_CACHED_BODY = 64 * 1024;
const JSON_TYPE = 'application/json; charset=UTF-8';

/** A validated generateContent request with its answer and, once used, its serialised forms. */
export interface PreparedGeneration extends GeminiRequest {
  answer: ChatAnswer;
  jsonHead?: string;
  chunks?: GeminiChunk[];
}

/** What the simulator remembers about one distinct body for one model. */
export interface GeminiEntry {
  body: Record<string, unknown>;
  parsed: ParsedModel;
  outcome?: PreparedGeneration | SimulatedError;
}

/** Gemini's wording for the errors every body can hit. */
export const GEMINI_BODY_ERRORS: BodyErrors = {
  invalidJson: () => geminiInvalidArgument('Invalid JSON payload received. Unexpected token.'),
  notObject: () => geminiInvalidArgument('Invalid JSON payload received. Expected an object.'),
  missingModel: () => geminiInvalidArgument('* model: model is not specified'),
  invalidModel: (message) => geminiInvalidArgument(message),
};

/** The body and parsed model of a request whose model came from the path, or the error to send. */
export function parseGeminiBody(
  exchange: Exchange,
  model: string,
  raw: string,
): { body: Record<string, unknown>; parsed: ParsedModel } | SimulatedError {
  const parsed = parseModelName(model, exchange.record, GEMINI_BODY_ERRORS);
  if ('status' in parsed) return parsed;
  const body = parseJsonBody(raw, exchange.record, GEMINI_BODY_ERRORS);
  if ('status' in body) return body;
  return { body: body.body, parsed };
}

/**
 * `:generateContent` and `:streamGenerateContent` (SSE with `alt=sse`, a JSON array without):
 * faults first, then validation, then the (cached) answer.
 */
export function handleGenerate(
  exchange: Exchange,
  model: string,
  stream: boolean,
  raw: string,
  context: SimulatorContext,
): void {
  const sse = exchange.query.get('alt') === 'sse';
  exchange.record.stream = stream;
  // The array stream reports errors inside the array, as Google does.
  if (stream && !sse) exchange.renderError = (error) => `[${geminiErrorBody(error)}]`;
  const key = `${model}\u0000${raw}`;
  let entry = context.geminiCache.get(key);
  if (entry === undefined) {
    const parsed = parseGeminiBody(exchange, model, raw);
    if ('status' in parsed) {
      exchange.sendError(parsed);
      return;
    }
    entry = parsed;
    if (raw.length <= MAX_CACHED_BODY) context.geminiCache.set(key, entry);
  } else {
    exchange.record.model = model;
    exchange.record.body = entry.body;
  }
  const applied = context.faults.apply(model, entry.parsed, Date.now());
  if (answerEarlyFault(exchange, applied, model)) return;
  entry.outcome ??= prepare(entry, model);
  const prepared = entry.outcome;
  if ('status' in prepared) {
    exchange.sendError(prepared);
    return;
  }
  const { fault } = applied;
  const { answer } = prepared;
  const responseId = exchange.requestId.slice(4);
  const delayMs = fault.delayMs ?? context.defaultDelayMs;
  if (fault.contextLength) {
    sendErrorWithFault(exchange, geminiContextTooLong(answer.usage.prompt_tokens), fault);
    return;
  }
  if (fault.policy) {
    // Gemini blocks a prompt with a 200 that has no candidates, not with an error status.
    const head = blockedPromptHead(answer.usage.prompt_tokens, model);
    if (stream) {
      writeGeminiStream(exchange, [{ kind: 'content', head }], { responseId, sse }, fault, delayMs);
    } else {
      sendJsonWithFault(exchange, withResponseId(head, responseId), fault, JSON_TYPE);
    }
    return;
  }
  if (fault.noPrefill && prepared.chat.messages.at(-1)?.role === 'assistant') {
    sendErrorWithFault(exchange, geminiPrefillNotSupported(), fault);
    return;
  }
  if (stream) {
    prepared.chunks ??= buildGeminiChunks(answer, prepared.includeThoughts, model);
    writeGeminiStream(exchange, prepared.chunks, { responseId, sse }, fault, delayMs);
  } else {
    prepared.jsonHead ??= renderGenerateHead(answer, prepared.includeThoughts, model);
    sendJsonWithFault(exchange, withResponseId(prepared.jsonHead, responseId), fault, JSON_TYPE);
  }
}

function prepare(entry: GeminiEntry, model: string): PreparedGeneration | SimulatedError {
  const request = parseGenerateRequest(entry.body, model);
  if ('status' in request) return request;
  return { ...request, answer: buildAnswer(request.chat, entry.parsed) };
}

const COUNT_FIELDS = new Set(['contents', 'generateContentRequest']);

/**
 * `:countTokens` with `contents` or a whole `generateContentRequest`: `totalTokens` equals the
 * `promptTokenCount` generateContent reports for the same conversation.
 */
export function handleCountTokens(
  exchange: Exchange,
  model: string,
  raw: string,
  context: SimulatorContext,
): void {
  const parsed = parseGeminiBody(exchange, model, raw);
  if ('status' in parsed) {
    exchange.sendError(parsed);
    return;
  }
  const applied = context.faults.apply(model, parsed.parsed, Date.now());
  if (answerEarlyFault(exchange, applied, model)) return;
  const { body } = parsed;
  const unknown = unknownField(body, COUNT_FIELDS);
  if (unknown !== undefined) {
    exchange.sendError(unknown);
    return;
  }
  const inner = fieldOf(body, 'generateContentRequest');
  const messages = isRecord(inner)
    ? parseGenerateRequest(inner, model)
    : parseContents(fieldOf(body, 'contents'), 'CountTokensRequest');
  if ('status' in messages) {
    exchange.sendError(messages);
    return;
  }
  const texts = (Array.isArray(messages) ? messages : messages.chat.messages).map((message) => message.text);
  const total = countPromptTokens(texts);
  const answer = { totalTokens: total, promptTokensDetails: [{ modality: 'TEXT', tokenCount: total }] };
  sendJsonWithFault(exchange, JSON.stringify(answer), applied.fault, JSON_TYPE);
}
