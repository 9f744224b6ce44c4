import type { SimulatorContext } from './context.js';
import { invalidRequest, missingParameter, type SimulatedError } from './errors.js';
import type { Exchange } from './exchange.js';
import { answerEarlyFault, sendJsonWithFault } from './fault-responses.js';
import { createRandom, hashString } from './hash.js';
import { LruCache } from './lru.js';
import { parseModelRequest } from './model-request.js';
import { countTokens } from './usage.js';

const DEFAULT_DIMENSIONS = 256;
const vectors = new LruCache<string, Float32Array>(2048);

/** One embedding input: text, or token ids (which count one token each). */
type EmbeddingInput = string | number[];

/** A deterministic unit vector for the input: same text and dimension, same vector. */
export function embeddingVector(input: EmbeddingInput, dimensions: number): Float32Array {
  const text = typeof input === 'string' ? input : `\u0000tokens:${input.join(',')}`;
  const key = `${dimensions}\u0000${text}`;
  const cached = vectors.get(key);
  if (cached !== undefined) return cached;
  const random = createRandom(hashString(text));
  const values = new Float64Array(dimensions);
  let norm = 0;
  for (let index = 0; index < dimensions; index++) {
    // Sum of uniforms: a cheap bell-shaped distribution centred on 0.
    const value = random() + random() + random() - 1.5;
    values[index] = value;
    norm += value * value;
  }
  const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
  const vector = Float32Array.from(values, (value) => value * scale);
  vectors.set(key, vector);
  return vector;
}

/** Little-endian float32 bytes in base64, as OpenAI sends for `encoding_format: "base64"`. */
export function vectorToBase64(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (let index = 0; index < vector.length; index++) bytes.writeFloatLE(vector[index] ?? 0, index * 4);
  return bytes.toString('base64');
}

function parseInputs(input: unknown): EmbeddingInput[] | SimulatedError {
  const invalid = invalidRequest(
    "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
    'input',
    'invalid_value',
  );
  if (input === undefined || input === null) return missingParameter('input');
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0 || input.length > 2048) return invalid;
  if (input.every((item) => typeof item === 'string')) return input;
  if (input.every((item) => Number.isInteger(item))) return [input];
  if (
    input.every((item) => Array.isArray(item) && item.length > 0 && item.every((id) => Number.isInteger(id)))
  )
    return input;
  return invalid;
}

/** `POST /v1/embeddings`. */
export function handleEmbeddings(exchange: Exchange, raw: string, context: SimulatorContext): void {
  const parsed = parseModelRequest(raw, exchange.record);
  if ('status' in parsed) {
    exchange.sendError(parsed);
    return;
  }
  const applied = context.faults.apply(parsed.model, parsed.parsed, Date.now());
  if (answerEarlyFault(exchange, applied, parsed.model)) return;
  const { body } = parsed;
  const inputs = parseInputs(body.input);
  if (!Array.isArray(inputs)) {
    exchange.sendError(inputs);
    return;
  }
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    exchange.sendError(
      invalidRequest(
        `Invalid value: '${String(format)}'. Supported values are: 'float' and 'base64'.`,
        'encoding_format',
        'invalid_value',
      ),
    );
    return;
  }
  const dimensions = body.dimensions ?? DEFAULT_DIMENSIONS;
  if (
    typeof dimensions !== 'number' ||
    !Number.isInteger(dimensions) ||
    dimensions < 1 ||
    dimensions > 4096
  ) {
    exchange.sendError(
      invalidRequest(
        "Invalid 'dimensions': expected an integer between 1 and 4096.",
        'dimensions',
        'invalid_value',
      ),
    );
    return;
  }
  let promptTokens = 0;
  const data = inputs.map((input, index) => {
    promptTokens += typeof input === 'string' ? countTokens(input) : input.length;
    const vector = embeddingVector(input, dimensions);
    const embedding = format === 'base64' ? vectorToBase64(vector) : Array.from(vector);
    return { object: 'embedding', index, embedding };
  });
  const response = {
    object: 'list',
    data,
    model: parsed.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
  sendJsonWithFault(exchange, JSON.stringify(response), applied.fault);
}
