import type { RouteParams } from '../../codecs/codec.js';
import { invalid, optionalInteger, requireObject } from '../request-fields.js';
import type { EndpointCall, EndpointReply } from '../types.js';
import { isObject } from '../upstream-request.js';
import type { EmbedRequest, EmbedResult } from './types.js';

const purposes: Record<string, EmbedRequest['purpose']> = {
  RETRIEVAL_DOCUMENT: 'search_document',
  RETRIEVAL_QUERY: 'search_query',
  CLASSIFICATION: 'classification',
  CLUSTERING: 'clustering',
};

/** Whether the caller used `:embedContent` (one vector back) or `:batchEmbedContents` (a list). */
export interface GeminiEmbedInput extends EmbedRequest {
  batch: boolean;
}

/** `models/{model}:embedContent` (`{content, taskType?, outputDimensionality?}`) or `:batchEmbedContents` (`{requests: [...]}`). */
export function decodeGeminiEmbedRequest(
  raw: unknown,
  params: RouteParams,
  batch: boolean,
): EndpointCall<GeminiEmbedInput> {
  const body = requireObject(raw);
  if (params.model === undefined) throw invalid('The model is missing from the path.', 'model');
  const model = params.model.startsWith('models/') ? params.model.slice('models/'.length) : params.model;
  const items: Array<{ item: Record<string, unknown>; path: string }> = [];
  if (batch) {
    const requests = body.requests;
    if (!Array.isArray(requests) || requests.length === 0 || requests.length > 2048)
      throw invalid('`requests` must be a list of 1 to 2048 embed requests.', 'requests');
    requests.forEach((item, index) => {
      if (!isObject(item)) throw invalid(`requests[${index}] must be an object.`, `requests[${index}]`);
      items.push({ item, path: `requests[${index}].` });
    });
  } else items.push({ item: body, path: '' });
  const first = items[0]?.item ?? {};
  const input: GeminiEmbedInput = {
    batch,
    inputs: items.map(({ item, path }) => readText(item.content, `${path}content`)),
  };
  const dimensions = optionalInteger(first, 'outputDimensionality', 1, 65_536);
  if (dimensions !== undefined) input.dimensions = dimensions;
  const purpose = typeof first.taskType === 'string' ? purposes[first.taskType] : undefined;
  if (purpose !== undefined) input.purpose = purpose;
  return { model, input };
}

/** The text of a Content: its text parts joined by newlines. */
function readText(content: unknown, path: string): string {
  if (!isObject(content) || !Array.isArray(content.parts) || content.parts.length === 0)
    throw invalid(`${path} must be a Content with at least one part.`, path);
  const texts = content.parts.map((part, index) => {
    if (!isObject(part) || typeof part.text !== 'string')
      throw invalid(`${path}.parts[${index}] must be a text part.`, `${path}.parts[${index}]`);
    return part.text;
  });
  return texts.join('\n');
}

/** `{embedding: {values}}` or `{embeddings: [{values}]}`. */
export function encodeGeminiEmbedResponse(
  result: EmbedResult,
  call: EndpointCall<GeminiEmbedInput>,
): EndpointReply {
  if (call.input.batch)
    return { kind: 'json', body: { embeddings: result.vectors.map((values) => ({ values })) } };
  return { kind: 'json', body: { embedding: { values: result.vectors[0] ?? [] } } };
}
