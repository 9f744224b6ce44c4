import { GatewayError } from '../../canon/index.js';
import type { EmbedRequest, EmbedResult } from '../../endpoints/embeddings/types.js';
import type { EndpointEgress } from '../../endpoints/types.js';
import {
  isObject,
  postJson,
  protocolError,
  readJsonObject,
  readVector,
} from '../../endpoints/upstream-request.js';
import { decodeCohereError } from './errors.js';

/**
 * Cohere v2 `POST /v2/embed`: `{model, texts, input_type, embedding_types: ["float"]}` →
 * `{embeddings: {float: [[...]]}, meta: {billed_units: {input_tokens}}}`. Cohere's v3+ models require
 * `input_type`; a caller that does not say gets `search_document` (what stored texts are embedded as).
 */
export const cohereEmbedEgress: EndpointEgress<EmbedRequest, EmbedResult> = {
  buildRequest(request, target) {
    const texts = request.inputs.map((input, index) => {
      if (typeof input !== 'string')
        throw new GatewayError('invalid_request', 'Cohere embeddings take text, not token ids.', {
          param: `input[${index}]`,
        });
      return input;
    });
    const body: Record<string, unknown> = {
      model: target.model,
      texts,
      input_type: request.purpose ?? 'search_document',
      embedding_types: ['float'],
    };
    if (request.dimensions !== undefined) body.output_dimension = request.dimensions;
    return postJson(target.provider, '/embed', body);
  },
  async readResponse(response, request) {
    const body = await readJsonObject(response, 'cohere embed');
    const floats = isObject(body.embeddings) ? body.embeddings.float : undefined;
    if (!Array.isArray(floats) || floats.length !== request.inputs.length)
      throw protocolError(`cohere embed: expected ${request.inputs.length} float embeddings`);
    const vectors = floats.map((item, index) => {
      const vector = readVector(item);
      if (!vector) throw protocolError(`cohere embed: embeddings.float[${index}] is not a vector`);
      return vector;
    });
    return { vectors, inputTokens: billedUnit(body, 'input_tokens') };
  },
  decodeError: decodeCohereError,
};

/** `meta.billed_units.<name>`, when Cohere reported it. */
export function billedUnit(body: Record<string, unknown>, name: string): number | undefined {
  const meta = isObject(body.meta) ? body.meta : undefined;
  const units = meta && isObject(meta.billed_units) ? meta.billed_units : undefined;
  const value = units?.[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
