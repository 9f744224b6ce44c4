import { decodeOpenAiError } from '../../codecs/openai-chat/index.js';
import type { EndpointEgress } from '../types.js';
import { isObject, postJson, protocolError, readJsonObject, readVector } from '../upstream-request.js';
import type { EmbedRequest, EmbedResult } from './types.js';
import { decodeBase64Vector } from './vector-encoding.js';

/** `POST {baseUrl}/embeddings` on any OpenAI-compatible upstream; floats are asked for (every server has them). */
export const openAiEmbeddingsEgress: EndpointEgress<EmbedRequest, EmbedResult> = {
  buildRequest(request, target) {
    const body: Record<string, unknown> = {
      model: target.model,
      input: request.inputs,
      encoding_format: 'float',
    };
    if (request.dimensions !== undefined) body.dimensions = request.dimensions;
    if (request.user !== undefined) body.user = request.user;
    return postJson(target.provider, '/embeddings', body);
  },
  async readResponse(response, request) {
    const body = await readJsonObject(response, 'embeddings');
    const data = body.data;
    if (!Array.isArray(data)) throw protocolError('embeddings: `data` is not an array');
    const vectors: number[][] = new Array(request.inputs.length);
    for (const [position, item] of data.entries()) {
      if (!isObject(item)) throw protocolError(`embeddings: data[${position}] is not an object`);
      const index = typeof item.index === 'number' ? item.index : position;
      // A server that ignores encoding_format may still answer in base64.
      const vector =
        typeof item.embedding === 'string' ? decodeBase64Vector(item.embedding) : readVector(item.embedding);
      if (!vector) throw protocolError(`embeddings: data[${position}].embedding is not a vector`);
      vectors[index] = vector;
    }
    if (data.length !== request.inputs.length || vectors.some((vector) => vector === undefined))
      throw protocolError(`embeddings: expected ${request.inputs.length} vectors, got ${data.length}`);
    const usage = isObject(body.usage) ? body.usage : {};
    const tokens = typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : undefined;
    return { vectors, inputTokens: tokens };
  },
  decodeError: decodeOpenAiError,
};
