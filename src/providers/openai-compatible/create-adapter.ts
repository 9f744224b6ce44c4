import type { CanonRequest, Warning } from '../../canon/index.js';
import {
  createOpenAiChatStreamDecoder,
  decodeOpenAiChatResponse,
  decodeOpenAiError,
  encodeOpenAiChatRequest,
} from '../../codecs/openai-chat/index.js';
import type { ResolvedProvider } from '../../config/index.js';
import type { HttpRequestSpec } from '../../http/index.js';
import { foldOwnExtensions } from '../own-extensions.js';
import type { HttpProviderAdapter } from '../provider.js';
import { applyQuirks } from './apply-quirks.js';

/** An adapter for any OpenAI-compatible upstream, made from its preset data and configuration. */
export function createOpenAiCompatibleAdapter(provider: ResolvedProvider): HttpProviderAdapter {
  const { preset } = provider;
  const endpoint = chatEndpoint(provider);
  const baseHeaders = buildHeaders(provider);
  const identity = (model: string) => ({ id: provider.name, model });
  return {
    transport: 'http',
    name: provider.name,
    type: preset.id,
    catalogProvider: preset.catalogProvider ?? preset.id,
    selfHosted: preset.selfHosted,
    baseUrl: provider.baseUrl,
    timeouts: provider.timeouts,
    buildRequest(
      request: CanonRequest,
      upstreamModel: string,
    ): { spec: HttpRequestSpec; warnings: Warning[] } {
      const own = foldOwnExtensions(request, 'openai', [preset.id, provider.name]);
      const encoded = encodeOpenAiChatRequest(own, upstreamModel, {
        maxTokensField: preset.quirks.maxTokensField,
        streamUsage: preset.quirks.streamUsage,
      });
      const warnings = [...encoded.warnings, ...applyQuirks(encoded.body, own, preset.quirks, provider.name)];
      return {
        spec: {
          url: endpoint(upstreamModel),
          method: 'POST',
          headers: baseHeaders,
          body: JSON.stringify(encoded.body),
        },
        warnings,
      };
    },
    decodeResponse: (body, upstreamModel) => decodeOpenAiChatResponse(body, identity(upstreamModel)),
    createStreamDecoder: (upstreamModel) => createOpenAiChatStreamDecoder(identity(upstreamModel)),
    decodeError: (status, body, headers, upstreamModel) =>
      decodeOpenAiError(status, body, headers, identity(upstreamModel)),
  };
}

/**
 * The chat URL for one model: `{base}/chat/completions`, or the preset's own path with the model and
 * API version filled in (Azure names the deployment in the path).
 */
function chatEndpoint(provider: ResolvedProvider): (model: string) => string {
  const base = provider.baseUrl.replace(/\/+$/, '');
  const path = provider.preset.chatPath;
  if (path === undefined) {
    const fixed = `${base}/chat/completions`;
    return () => fixed;
  }
  const apiVersion = encodeURIComponent(provider.options.apiVersion ?? '');
  const withVersion = path.replace('{apiVersion}', apiVersion);
  return (model) => `${base}${withVersion.replace('{model}', encodeURIComponent(model))}`;
}

function buildHeaders(provider: ResolvedProvider): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...provider.headers,
  };
  const key = provider.apiKey?.reveal();
  const auth = provider.preset.auth;
  if (key !== undefined && key !== '') {
    if (auth.style === 'bearer') headers.authorization = `Bearer ${key}`;
    else if (auth.style === 'header') headers[auth.header.toLowerCase()] = key;
  }
  return headers;
}
