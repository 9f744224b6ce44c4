import type { CanonEvent, CanonRequest, Warning } from '../../canon/index.js';
import type { StreamDecoder } from '../../codecs/codec.js';
import {
  createOpenAiChatStreamDecoder,
  decodeOpenAiChatResponse,
  encodeOpenAiChatRequest,
} from '../../codecs/openai-chat/index.js';
import { isWireObject } from '../../codecs/shared/read-fields.js';
import { buildUpstreamError } from '../../codecs/shared/upstream-error.js';
import type { ResolvedProvider } from '../../config/index.js';
import type { HttpRequestSpec } from '../../http/index.js';
import { applyQuirks } from '../openai-compatible/apply-quirks.js';
import { foldOwnExtensions } from '../own-extensions.js';
import type { HttpProviderAdapter } from '../provider.js';
import { IamTokenSource } from './iam-token.js';

/** OpenAI fields the watsonx chat API does not define; dropped with a warning when the caller set them. */
const unsupportedFields = ['user', 'store', 'metadata', 'service_tier', 'parallel_tool_calls', 'logit_bias'];

/**
 * IBM watsonx.ai chat: `POST {url}/ml/v1/text/chat?version=...` (`/text/chat_stream` for SSE), with an
 * IAM bearer token exchanged from the API key. The body is OpenAI-like but names the model `model_id`,
 * needs a `project_id` or `space_id`, and puts the string tool choice in `tool_choice_option`.
 */
export function createWatsonxChatAdapter(provider: ResolvedProvider): HttpProviderAdapter {
  const { preset, options } = provider;
  const baseUrl = provider.baseUrl.replace(/\/+$/, '');
  const version = encodeURIComponent(options.apiVersion ?? '');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...provider.headers,
  };
  const tokens = new IamTokenSource(
    options.iamUrl ?? 'https://iam.cloud.ibm.com',
    provider.apiKey?.reveal() ?? '',
    provider.timeouts,
    provider.name,
  );
  const scope: Record<string, string> =
    options.projectId !== undefined ? { project_id: options.projectId } : { space_id: options.spaceId ?? '' };
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
      const own = foldOwnExtensions(request, 'openai', [preset.id, provider.name]);
      const encoded = encodeOpenAiChatRequest(own, upstreamModel, {
        maxTokensField: 'max_tokens',
        streamUsage: false,
      });
      const quirks = { ...preset.quirks, unsupportedFields };
      const warnings = [...encoded.warnings, ...applyQuirks(encoded.body, own, quirks, provider.name)];
      // The endpoint, not a body field, selects streaming.
      const { model, stream, tool_choice: toolChoice, ...rest } = encoded.body;
      const body: Record<string, unknown> = { model_id: model, ...scope, ...rest };
      if (typeof toolChoice === 'string') body.tool_choice_option = toolChoice;
      else if (toolChoice !== undefined) body.tool_choice = toolChoice;
      const path = request.stream ? 'chat_stream' : 'chat';
      return {
        spec: {
          url: `${baseUrl}/ml/v1/text/${path}?version=${version}`,
          method: 'POST',
          headers,
          body: JSON.stringify(body),
        },
        warnings,
      };
    },
    async authorize(spec, signal) {
      const token = await tokens.token(signal);
      return { ...spec, headers: { ...spec.headers, authorization: `Bearer ${token}` } };
    },
    decodeResponse: (body, upstreamModel) =>
      decodeOpenAiChatResponse(withModel(body), identity(upstreamModel)),
    createStreamDecoder: (upstreamModel) =>
      watsonxStreamDecoder(createOpenAiChatStreamDecoder(identity(upstreamModel))),
    decodeError(status, text, responseHeaders, upstreamModel) {
      const parsed = parseJson(text);
      const first = isWireObject(parsed) && Array.isArray(parsed.errors) ? parsed.errors[0] : undefined;
      const code = isWireObject(first) && typeof first.code === 'string' ? first.code : undefined;
      const message = isWireObject(first) && typeof first.message === 'string' ? first.message : text;
      return buildUpstreamError({
        provider: identity(upstreamModel),
        status,
        code,
        message,
        headers: responseHeaders,
        body: text,
      });
    },
  };
}

/** watsonx names the model `model_id` (newer versions also send `model`). */
function withModel(body: unknown): unknown {
  if (!isWireObject(body) || typeof body.model === 'string' || typeof body.model_id !== 'string') return body;
  return { ...body, model: body.model_id };
}

/**
 * watsonx chunks are OpenAI chunks (with `model_id`); its stream ends without OpenAI's `[DONE]` line,
 * which is normal here rather than worth a warning.
 */
function watsonxStreamDecoder(inner: StreamDecoder): StreamDecoder {
  return {
    push: (event) => (event.data.trim() === '' ? [] : inner.push(event)),
    end: (): CanonEvent[] =>
      inner
        .end()
        .filter((event) => !(event.type === 'warning' && event.warning.code === 'upstream-missing-done')),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
