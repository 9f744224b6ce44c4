import type { CanonRequest } from '../../canon/index.js';
import type { RouteParams } from '../codec.js';
import { describeType, invalidField, isWireObject, missingField } from '../shared/read-fields.js';
import { decodeGeminiContents } from './decode-contents.js';
import { decodeGeminiRequest } from './decode-request.js';
import { isAbsent, readField } from './wire-fields.js';

/**
 * `models/{model}:countTokens` body → CanonRequest (never streamed). Gemini takes either `{contents}` or
 * `{generateContentRequest: {model, contents, systemInstruction?, tools?, …}}`; the second is decoded
 * like a generateContent body, errors naming `generateContentRequest.…`. The URL model wins over the
 * nested one.
 */
export function decodeGeminiCountTokensRequest(body: unknown, route: RouteParams = {}): CanonRequest {
  if (!isWireObject(body)) invalidField('body', `expected a JSON object, got ${describeType(body)}.`);
  const nested = readField(body, 'generateContentRequest');
  if (!isAbsent(nested)) {
    const inner = nested.value;
    return decodeGeminiRequest(
      inner,
      { ...(route.model === undefined ? {} : { model: route.model }), stream: false },
      nested.key,
    );
  }
  if (route.model === undefined) missingField('model');
  const contents = readField(body, 'contents');
  return {
    model: route.model.startsWith('models/') ? route.model.slice('models/'.length) : route.model,
    messages: decodeGeminiContents(contents.value, contents.key),
    sampling: {},
    stream: false,
    streamUsage: false,
    vendor: {},
  };
}

/** The countTokens answer: `{totalTokens}` (with `cachedContentTokenCount` when there is cached content). */
export function encodeGeminiCountTokensResponse(
  totalTokens: number,
  cachedContentTokenCount?: number,
): { totalTokens: number; cachedContentTokenCount?: number } {
  return cachedContentTokenCount === undefined || cachedContentTokenCount === 0
    ? { totalTokens }
    : { totalTokens, cachedContentTokenCount };
}
