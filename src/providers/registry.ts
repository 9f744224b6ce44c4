import type { ModelCatalog } from '../catalog/index.js';
import { createAnthropicEgress, defaultAnthropicMaxTokens } from '../codecs/anthropic-messages/index.js';
import { geminiEgress } from '../codecs/gemini/index.js';
import type { ResolvedProvider } from '../config/index.js';
import { createBedrockAdapter } from './bedrock/converse-adapter.js';
import { createCohereChatAdapter } from './cohere/chat-adapter.js';
import { anthropicEndpoint, createCodecAdapter, geminiEndpoint } from './native/create-codec-adapter.js';
import { createOpenAiCompatibleAdapter } from './openai-compatible/create-adapter.js';
import type { ProviderAdapter } from './provider.js';
import { createSageMakerAdapter } from './sagemaker/sagemaker-adapter.js';
import { createVertexAdapter } from './vertex/vertex-adapter.js';
import { createWatsonxChatAdapter } from './watsonx/chat-adapter.js';

/**
 * Builds the adapter for each configured provider, by the protocol its preset speaks. The catalog gives
 * per-model facts adapters need (the default `max_tokens` Anthropic requires: the model's maximum output).
 */
export function createProviderAdapters(
  providers: ReadonlyMap<string, ResolvedProvider>,
  catalog?: Pick<ModelCatalog, 'find'>,
): Map<string, ProviderAdapter> {
  const adapters = new Map<string, ProviderAdapter>();
  for (const [name, provider] of providers) {
    switch (provider.preset.protocol) {
      case 'openai-chat':
        adapters.set(name, createOpenAiCompatibleAdapter(provider));
        break;
      case 'anthropic-messages':
        adapters.set(
          name,
          createCodecAdapter(
            provider,
            createAnthropicEgress(maxOutputOf(provider, catalog)),
            anthropicEndpoint,
          ),
        );
        break;
      case 'gemini':
        adapters.set(name, createCodecAdapter(provider, geminiEgress, geminiEndpoint));
        break;
      case 'cohere-chat':
        adapters.set(name, createCohereChatAdapter(provider));
        break;
      case 'watsonx-chat':
        adapters.set(name, createWatsonxChatAdapter(provider));
        break;
      case 'vertex':
        adapters.set(
          name,
          createVertexAdapter(provider, createAnthropicEgress(maxOutputOf(provider, catalog))),
        );
        break;
      case 'bedrock-converse':
        adapters.set(name, createBedrockAdapter(provider));
        break;
      case 'sagemaker-openai':
        adapters.set(name, createSageMakerAdapter(provider));
        break;
    }
  }
  return adapters;
}

/** The model's maximum output from the catalog, else 4096 (simulator fault directives are ignored). */
function maxOutputOf(
  provider: ResolvedProvider,
  catalog: Pick<ModelCatalog, 'find'> | undefined,
): (model: string) => number {
  const catalogProvider = provider.preset.catalogProvider ?? provider.preset.id;
  return (model) => {
    const name = catalogProvider === 'simulator' ? (model.split('+')[0] ?? model) : model;
    return catalog?.find(catalogProvider, name)?.maxOutputTokens ?? defaultAnthropicMaxTokens;
  };
}
