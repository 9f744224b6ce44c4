// Provider presets as data: base URLs, credentials, auth style and quirks.
// Adapters and configuration read these; nothing here performs I/O.
import { cloudPresets } from './cloud-presets.js';
import { hostedPresets } from './hosted-presets.js';
import { selfHostedPresets } from './self-hosted-presets.js';
import type { ProviderPreset } from './types.js';
import { vendorPresets } from './vendor-presets.js';

export type { EnvironmentBaseUrl } from './base-url.js';
export { expandBaseUrlTemplate, normaliseBaseUrl, readBaseUrlFromEnvironment } from './base-url.js';
export { simulatorPlaceholderBaseUrl } from './self-hosted-presets.js';
export type {
  Environment,
  OpenAiCompatibleQuirks,
  PlainOptionName,
  PresetAuth,
  ProviderOptionName,
  ProviderPreset,
  ProviderProtocol,
  SecretOptionName,
} from './types.js';
export { providerOptionNames, secretOptionNames } from './types.js';

/** Every preset by id, hosted vendors first, in a stable order used in messages. */
export const providerPresets: ReadonlyMap<string, ProviderPreset> = new Map(
  [...hostedPresets, ...vendorPresets, ...cloudPresets, ...selfHostedPresets].map((preset) => [
    preset.id,
    preset,
  ]),
);

/** The preset with this id, or undefined. */
export function findPreset(id: string): ProviderPreset | undefined {
  return providerPresets.get(id);
}
