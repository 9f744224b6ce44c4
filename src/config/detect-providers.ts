import type { Environment, ProviderPreset } from '../providers/presets/types.js';
import type { RawProvider } from './schema.js';

/**
 * Providers configured by the environment alone, for running without a config file: every preset
 * whose API key variable is set (`OPENAI_API_KEY`, `GROQ_API_KEY`, ...) and every self-hosted
 * preset whose base-URL variable is set (`OLLAMA_HOST`, `VLLM_BASE_URL`, ...). Each is named after
 * its preset id; `resolveConfig` then reads the key and URL from the same variables. Cloud presets
 * list the variables that must be set together (`AWS_REGION` with credentials, ...).
 */
export function detectProviders(
  env: Environment,
  presets: ReadonlyMap<string, ProviderPreset>,
): Record<string, RawProvider> {
  const detected: Record<string, RawProvider> = {};
  for (const preset of presets.values()) {
    if (preset.detectEnv) {
      // Cloud providers need several variables together (region and credentials, project and key).
      if (preset.detectEnv.some((variables) => variables.every((variable) => isSet(env[variable]))))
        detected[preset.id] = { type: preset.id };
      continue;
    }
    const hasKey = preset.apiKeyEnv.some((variable) => isSet(env[variable]));
    const hasBaseUrl =
      preset.selfHosted && (preset.baseUrlEnv ?? []).some((variable) => isSet(env[variable]));
    if (hasKey || hasBaseUrl) detected[preset.id] = { type: preset.id };
  }
  return detected;
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}
