import type { CanonRequest, Warning } from '../../canon/index.js';
import type { EgressCodec } from '../../codecs/codec.js';
import { geminiEgress } from '../../codecs/gemini/index.js';
import { isWireObject } from '../../codecs/shared/read-fields.js';
import type { ResolvedProvider } from '../../config/index.js';
import type { HttpRequestSpec } from '../../http/index.js';
import { foldOwnExtensions } from '../own-extensions.js';
import type { HttpProviderAdapter } from '../provider.js';
import { GoogleTokenSource } from './google-token.js';

/** The API version Anthropic models on Vertex require in the body (instead of a header). */
export const vertexAnthropicVersion = 'vertex-2023-10-16';

/** Which publisher serves a model on Vertex, and how its endpoint and body differ. */
interface Publisher {
  id: 'google' | 'anthropic';
  /** The `ext` family the codec merges; entries named after the preset or provider fold into it. */
  extensionFamily: 'gemini' | 'anthropic';
  codec: EgressCodec;
  method(stream: boolean): string;
  adjust(body: Record<string, unknown>): Record<string, unknown>;
}

const google: Publisher = {
  id: 'google',
  extensionFamily: 'gemini',
  codec: geminiEgress,
  method: (stream) => (stream ? 'streamGenerateContent?alt=sse' : 'generateContent'),
  adjust: (body) => body,
};

const anthropic = (codec: EgressCodec): Publisher => ({
  id: 'anthropic',
  extensionFamily: 'anthropic',
  codec,
  method: (stream) => (stream ? 'streamRawPredict' : 'rawPredict'),
  // The model is in the URL; Vertex rejects it in the body.
  adjust: ({ model: _model, ...body }) => ({ anthropic_version: vertexAnthropicVersion, ...body }),
});

/** Claude models (`claude-sonnet-4@20250514`) are Anthropic's; everything else is Google's (Gemini). */
function choosePublisher(anthropicPublisher: Publisher): (model: string) => Publisher {
  return (model) => (model.startsWith('claude') ? anthropicPublisher : google);
}

/**
 * Vertex AI: Gemini models through the Gemini codec (`:generateContent`, `:streamGenerateContent?alt=sse`)
 * and Anthropic models through the Anthropic codec (`:rawPredict`, `:streamRawPredict`), under
 * `/v1/projects/{project}/locations/{location}/publishers/{publisher}/models/{model}`, with an OAuth
 * bearer token from a service account.
 */
export function createVertexAdapter(
  provider: ResolvedProvider,
  anthropicCodec: EgressCodec,
): HttpProviderAdapter {
  const publisherOf = choosePublisher(anthropic(anthropicCodec));
  const { preset, options } = provider;
  const baseUrl = provider.baseUrl.replace(/\/+$/, '');
  const project = encodeURIComponent(options.project ?? '');
  const location = encodeURIComponent(options.location ?? 'us-central1');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...provider.headers,
  };
  const tokens = new GoogleTokenSource(options.credentialsFile, provider.timeouts, provider.name);
  const identity = (model: string) => ({ id: provider.name, model });
  const modelUrl = (publisher: Publisher, model: string) =>
    `${baseUrl}/v1/projects/${project}/locations/${location}/publishers/${publisher.id}/models/${encodeURIComponent(model).replace(/%40/g, '@')}`;
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
      const publisher = publisherOf(upstreamModel);
      const own = foldOwnExtensions(request, publisher.extensionFamily, [preset.id, provider.name]);
      const encoded = publisher.codec.encodeRequest(own, upstreamModel);
      return {
        spec: {
          url: `${modelUrl(publisher, upstreamModel)}:${publisher.method(request.stream)}`,
          method: 'POST',
          headers,
          body: JSON.stringify(publisher.adjust(encoded.body)),
        },
        warnings: encoded.warnings,
      };
    },
    async authorize(spec, signal) {
      const token = await tokens.token(signal);
      return { ...spec, headers: { ...spec.headers, authorization: `Bearer ${token}` } };
    },
    decodeResponse: (body, model) => publisherOf(model).codec.decodeResponse(body, identity(model)),
    createStreamDecoder: (model) => publisherOf(model).codec.createStreamDecoder(identity(model)),
    decodeError(status, text, responseHeaders, model) {
      // Vertex's own failures (auth, quota, unknown model) use Google's envelope whatever the publisher.
      const codec = hasGoogleEnvelope(text) ? geminiEgress : publisherOf(model).codec;
      return codec.decodeError(status, text, responseHeaders, identity(model));
    },
  };
}

function hasGoogleEnvelope(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return isWireObject(parsed) && isWireObject(parsed.error) && typeof parsed.error.status === 'string';
  } catch {
    return false;
  }
}
