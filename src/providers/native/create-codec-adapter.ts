import type { CanonRequest, Warning } from '../../canon/index.js';
import type { EgressCodec } from '../../codecs/codec.js';
import type { ResolvedProvider } from '../../config/index.js';
import type { HttpRequestSpec } from '../../http/index.js';
import { foldOwnExtensions } from '../own-extensions.js';
import type { HttpProviderAdapter } from '../provider.js';

/** Where a protocol's endpoint is and which headers it needs besides the credential. */
export interface ProtocolEndpoint {
  url(baseUrl: string, upstreamModel: string, stream: boolean): string;
  headers: Record<string, string>;
  /** The `ext` family the codec merges (`anthropic`, `gemini`); entries named after the provider fold into it. */
  extensionFamily: string;
}

/**
 * An adapter for an upstream that speaks one of the hub's shapes natively (Anthropic Messages, Gemini):
 * the shape's egress codec does the translation; this adds the URL, the credential and the headers.
 */
export function createCodecAdapter(
  provider: ResolvedProvider,
  codec: EgressCodec,
  endpoint: ProtocolEndpoint,
): HttpProviderAdapter {
  const { preset } = provider;
  const baseUrl = provider.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...endpoint.headers,
    ...provider.headers,
  };
  const key = provider.apiKey?.reveal();
  if (key !== undefined && key !== '') {
    if (preset.auth.style === 'bearer') headers.authorization = `Bearer ${key}`;
    else if (preset.auth.style === 'header') headers[preset.auth.header.toLowerCase()] = key;
  }
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
      const own = foldOwnExtensions(request, endpoint.extensionFamily, [preset.id, provider.name]);
      const encoded = codec.encodeRequest(own, upstreamModel);
      return {
        spec: {
          url: endpoint.url(baseUrl, upstreamModel, request.stream),
          method: 'POST',
          headers,
          body: JSON.stringify(encoded.body),
        },
        warnings: encoded.warnings,
      };
    },
    decodeResponse: (body, upstreamModel) => codec.decodeResponse(body, identity(upstreamModel)),
    createStreamDecoder: (upstreamModel) => codec.createStreamDecoder(identity(upstreamModel)),
    decodeError: (status, body, responseHeaders, upstreamModel) =>
      codec.decodeError(status, body, responseHeaders, identity(upstreamModel)),
  };
}

/** Anthropic Messages: `POST {base}/messages`, with the API version header the API requires. */
export const anthropicEndpoint: ProtocolEndpoint = {
  url: (baseUrl) => `${baseUrl}/messages`,
  headers: { 'anthropic-version': '2023-06-01' },
  extensionFamily: 'anthropic',
};

/** Gemini: the model and the method are in the path; streams use server-sent events (`alt=sse`). */
export const geminiEndpoint: ProtocolEndpoint = {
  url: (baseUrl, model, stream) =>
    `${baseUrl}/models/${encodeURIComponent(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
  headers: {},
  extensionFamily: 'gemini',
};
