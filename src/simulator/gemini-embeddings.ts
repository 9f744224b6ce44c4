import { isRecord } from './chat-request.js';
import type { SimulatorContext } from './context.js';
import { embeddingVector } from './embeddings.js';
import type { SimulatedError } from './errors.js';
import type { Exchange } from './exchange.js';
import { answerEarlyFault, sendJsonWithFault } from './fault-responses.js';
import { geminiInvalidArgument } from './gemini-errors.js';
import { fieldOf } from './gemini-fields.js';
import { parseGeminiBody } from './gemini-handler.js';

const DEFAULT_DIMENSIONS = 256;
const MAX_DIMENSIONS = 4096;
const MAX_BATCH = 100;

/**
 * One EmbedContentRequest's vector: the text parts joined by newlines, the same deterministic
 * unit vector `/v1/embeddings` gives that text, 256 dimensions unless `outputDimensionality`.
 */
function embedRequest(request: unknown, at: string): number[] | SimulatedError {
  if (!isRecord(request)) return geminiInvalidArgument(`* ${at}: must be an object`);
  const content = request.content;
  const parts = isRecord(content) ? content.parts : undefined;
  if (!Array.isArray(parts) || parts.length === 0) {
    return geminiInvalidArgument(`* ${at}.content: content is not specified`);
  }
  const texts: string[] = [];
  for (const part of parts) {
    if (isRecord(part) && typeof part.text === 'string') texts.push(part.text);
  }
  if (texts.every((text) => text === '')) {
    return geminiInvalidArgument(`* ${at}.content.parts: text content is empty`);
  }
  const dimensions = fieldOf(request, 'outputDimensionality') ?? DEFAULT_DIMENSIONS;
  if (
    typeof dimensions !== 'number' ||
    !Number.isInteger(dimensions) ||
    dimensions < 1 ||
    dimensions > MAX_DIMENSIONS
  ) {
    return geminiInvalidArgument(
      `* ${at}.output_dimensionality: must be a positive integer of at most ${MAX_DIMENSIONS}.`,
    );
  }
  return Array.from(embeddingVector(texts.join('\n'), dimensions));
}

/** `:embedContent` → `{embedding:{values}}`; `:batchEmbedContents` → `{embeddings:[{values}]}`. */
export function handleGeminiEmbeddings(
  exchange: Exchange,
  model: string,
  batch: boolean,
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
  const answer = batch ? embedBatch(parsed.body) : embedOne(parsed.body);
  if ('status' in answer) {
    exchange.sendError(answer);
    return;
  }
  sendJsonWithFault(exchange, JSON.stringify(answer), applied.fault, 'application/json; charset=UTF-8');
}

function embedOne(body: Record<string, unknown>): { embedding: { values: number[] } } | SimulatedError {
  const values = embedRequest(body, 'EmbedContentRequest');
  return Array.isArray(values) ? { embedding: { values } } : values;
}

function embedBatch(body: Record<string, unknown>): { embeddings: { values: number[] }[] } | SimulatedError {
  const { requests } = body;
  if (!Array.isArray(requests) || requests.length === 0) {
    return geminiInvalidArgument('* BatchEmbedContentsRequest.requests: requests is not specified');
  }
  if (requests.length > MAX_BATCH) {
    return geminiInvalidArgument(
      `* BatchEmbedContentsRequest.requests: at most ${MAX_BATCH} requests can be in one batch`,
    );
  }
  const embeddings: { values: number[] }[] = [];
  for (const [index, request] of requests.entries()) {
    const values = embedRequest(request, `BatchEmbedContentsRequest.requests[${index}]`);
    if (!Array.isArray(values)) return values;
    embeddings.push({ values });
  }
  return { embeddings };
}
