import { GatewayError } from '../../canon/index.js';
import { geminiEgress } from '../../codecs/gemini/index.js';
import { countTextTokens } from '../../limits/estimate-tokens.js';
import type { EndpointEgress } from '../types.js';
import { isObject, postJson, protocolError, readJsonObject } from '../upstream-request.js';
import type { EmbedRequest, EmbedResult } from './types.js';

const taskTypes: Record<NonNullable<EmbedRequest['purpose']>, string> = {
  search_document: 'RETRIEVAL_DOCUMENT',
  search_query: 'RETRIEVAL_QUERY',
  classification: 'CLASSIFICATION',
  clustering: 'CLUSTERING',
};

/**
 * Gemini's `models/{model}:batchEmbedContents`, one request per input. Gemini reports no token usage
 * for embeddings, so the gateway counts the texts itself (marked as an estimate in the log).
 */
export const geminiEmbeddingsEgress: EndpointEgress<EmbedRequest, EmbedResult> = {
  buildRequest(request, target) {
    const model = `models/${target.model}`;
    const requests = request.inputs.map((input, index) => {
      if (typeof input !== 'string')
        throw new GatewayError('invalid_request', 'Gemini embeddings take text, not token ids.', {
          param: `input[${index}]`,
        });
      const item: Record<string, unknown> = { model, content: { parts: [{ text: input }] } };
      if (request.dimensions !== undefined) item.outputDimensionality = request.dimensions;
      if (request.purpose !== undefined) item.taskType = taskTypes[request.purpose];
      return item;
    });
    return postJson(target.provider, `/models/${encodeURIComponent(target.model)}:batchEmbedContents`, {
      requests,
    });
  },
  async readResponse(response, request) {
    const body = await readJsonObject(response, 'batchEmbedContents');
    const embeddings = body.embeddings;
    if (!Array.isArray(embeddings) || embeddings.length !== request.inputs.length)
      throw protocolError(`batchEmbedContents: expected ${request.inputs.length} embeddings`);
    const vectors = embeddings.map((item, index) => {
      const values = isObject(item) ? item.values : undefined;
      if (!Array.isArray(values) || !values.every((value) => typeof value === 'number'))
        throw protocolError(`batchEmbedContents: embeddings[${index}].values is not a vector`);
      return values as number[];
    });
    let tokens = 0;
    for (const input of request.inputs)
      tokens += typeof input === 'string' ? await countTextTokens(input) : input.length;
    return { vectors, inputTokens: tokens, estimated: true };
  },
  decodeError: (status, body, headers, provider) => geminiEgress.decodeError(status, body, headers, provider),
};
