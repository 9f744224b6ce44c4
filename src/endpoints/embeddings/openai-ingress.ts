import {
  invalid,
  optionalEnum,
  optionalFallbacks,
  optionalInteger,
  optionalString,
  requireObject,
  requireString,
} from '../request-fields.js';
import type { EndpointCall, EndpointReply } from '../types.js';
import type { EmbeddingInput, EmbedRequest, EmbedResult } from './types.js';
import { encodeBase64Vector } from './vector-encoding.js';

const maxInputs = 2048;

/** The format of the answer the caller asked for (not sent upstream: the gateway converts). */
export interface OpenAiEmbedInput extends EmbedRequest {
  encodingFormat: 'float' | 'base64';
}

/** `POST /v1/embeddings` body → call. `input`: a string, strings, token ids, or lists of token ids. */
export function decodeOpenAiEmbeddingsRequest(raw: unknown): EndpointCall<OpenAiEmbedInput> {
  const body = requireObject(raw);
  const model = requireString(body, 'model');
  const input: OpenAiEmbedInput = {
    inputs: readInputs(body.input),
    encodingFormat: optionalEnum(body, 'encoding_format', ['float', 'base64'] as const) ?? 'float',
  };
  // Cohere's `input_type` (as LiteLLM accepts it): what the vectors are for; Cohere and Gemini use it.
  const purpose = optionalEnum(body, 'input_type', [
    'search_document',
    'search_query',
    'classification',
    'clustering',
  ] as const);
  if (purpose !== undefined) input.purpose = purpose;
  const dimensions = optionalInteger(body, 'dimensions', 1, 65_536);
  if (dimensions !== undefined) input.dimensions = dimensions;
  const user = optionalString(body, 'user');
  if (user !== undefined) input.user = user;
  const fallbacks = optionalFallbacks(body);
  return {
    model,
    input,
    ...(user === undefined ? {} : { endUser: user }),
    ...(fallbacks === undefined ? {} : { fallbackModels: fallbacks }),
  };
}

function readInputs(value: unknown): EmbeddingInput[] {
  if (value === undefined || value === null) throw invalid("Missing required parameter: 'input'.", 'input');
  if (typeof value === 'string') {
    if (value === '') throw invalid("'input' must not be empty.", 'input');
    return [value];
  }
  if (!Array.isArray(value) || value.length === 0)
    throw invalid("'input' must be a string, a list of strings, or token ids.", 'input');
  if (value.length > maxInputs) throw invalid(`'input' may hold at most ${maxInputs} items.`, 'input');
  if (value.every((item) => typeof item === 'string')) {
    const empty = value.indexOf('');
    if (empty >= 0) throw invalid(`'input[${empty}]' must not be empty.`, `input[${empty}]`);
    return value as string[];
  }
  if (value.every(isTokenId)) return [value as number[]];
  value.forEach((item, index) => {
    if (!Array.isArray(item) || item.length === 0 || !item.every(isTokenId))
      throw invalid(`'input[${index}]' must be a non-empty list of token ids.`, `input[${index}]`);
  });
  return value as number[][];
}

function isTokenId(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The OpenAI list answer; base64 is little-endian float32, exactly as OpenAI sends it. */
export function encodeOpenAiEmbeddingsResponse(
  result: EmbedResult,
  call: EndpointCall<OpenAiEmbedInput>,
): EndpointReply {
  const tokens = result.inputTokens ?? 0;
  return {
    kind: 'json',
    body: {
      object: 'list',
      data: result.vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: call.input.encodingFormat === 'base64' ? encodeBase64Vector(vector) : vector,
      })),
      model: call.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}
