import { anthropicMessagesEgress } from '../codecs/anthropic-messages/index.js';
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

/** Builds the adapter for each configured provider, by the protocol its preset speaks. */
export function createProviderAdapters(
  providers: ReadonlyMap<string, ResolvedProvider>,
): Map<string, ProviderAdapter> {
  const adapters = new Map<string, ProviderAdapter>();
  for (const [name, provider] of providers) {
    switch (provider.preset.protocol) {
      case 'openai-chat':
        adapters.set(name, createOpenAiCompatibleAdapter(provider));
        break;
      case 'anthropic-messages':
        adapters.set(name, createCodecAdapter(provider, anthropicMessagesEgress, anthropicEndpoint));
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
        adapters.set(name, createVertexAdapter(provider));
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
