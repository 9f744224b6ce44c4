import { GatewayError } from '../canon/index.js';
import type { ResolvedProvider } from '../config/index.js';
import { createOpenAiCompatibleAdapter } from './openai-compatible/create-adapter.js';
import type { ProviderAdapter } from './provider.js';

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
      default:
        throw new GatewayError(
          'internal',
          `provider '${name}': the ${provider.preset.protocol} adapter is not available in this build`,
        );
    }
  }
  return adapters;
}
