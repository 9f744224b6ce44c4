import type { CanonRequest, Warning } from '../../canon/index.js';
import type { ResolvedProvider } from '../../config/index.js';
import type { HttpRequestSpec } from '../../http/index.js';
import { foldOwnExtensions } from '../own-extensions.js';
import type { HttpProviderAdapter } from '../provider.js';
import { decodeCohereChatResponse, decodeCohereError } from './chat-decode.js';
import { encodeCohereChatRequest } from './chat-encode.js';
import { createCohereChatStreamDecoder } from './chat-stream.js';

/** Cohere's v2 chat API: `POST {base}/chat` (base ends in `/v2`), bearer key, SSE streams. */
export function createCohereChatAdapter(provider: ResolvedProvider): HttpProviderAdapter {
  const { preset } = provider;
  const baseUrl = provider.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...provider.headers,
  };
  const key = provider.apiKey?.reveal();
  if (key) headers.authorization = `Bearer ${key}`;
  const identity = (model: string) => ({ id: provider.name, model });
  return {
    transport: 'http',
    name: provider.name,
    type: preset.id,
    catalogProvider: preset.catalogProvider ?? preset.id,
    selfHosted: preset.selfHosted,
    baseUrl,
    timeouts: provider.timeouts,
    buildRequest(
      request: CanonRequest,
      upstreamModel: string,
    ): { spec: HttpRequestSpec; warnings: Warning[] } {
      const own = foldOwnExtensions(request, 'cohere', [preset.id, provider.name]);
      const encoded = encodeCohereChatRequest(own, upstreamModel);
      return {
        spec: { url: `${baseUrl}/chat`, method: 'POST', headers, body: JSON.stringify(encoded.body) },
        warnings: encoded.warnings,
      };
    },
    decodeResponse: (body, upstreamModel) => decodeCohereChatResponse(body, identity(upstreamModel)),
    createStreamDecoder: (upstreamModel) => createCohereChatStreamDecoder(identity(upstreamModel)),
    decodeError: (status, body, responseHeaders, upstreamModel) =>
      decodeCohereError(status, body, responseHeaders, identity(upstreamModel)),
  };
}
