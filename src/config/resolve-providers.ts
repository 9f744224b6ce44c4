import { expandBaseUrlTemplate, readBaseUrlFromEnvironment } from '../providers/presets/base-url.js';
import {
  type Environment,
  type PlainOptionName,
  type ProviderOptionName,
  type ProviderPreset,
  providerOptionNames,
  type SecretOptionName,
  secretOptionNames,
} from '../providers/presets/types.js';
import { transportTimeoutDefaults } from './defaults.js';
import { formatPath } from './format-path.js';
import type { RawProvider } from './schema.js';
import { Secret } from './secret.js';
import type { ResolvedProvider } from './types.js';

/** What provider resolution reads, and where it reports. */
export interface ProviderResolutionContext {
  env: Environment;
  presets: ReadonlyMap<string, ProviderPreset>;
  issues: string[];
  warnings: string[];
}

/** HTTP token characters (RFC 9110); anything else makes undici throw at request time. */
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Resolves each provider against its preset. Explicit settings win; then the preset's
 * environment variables (`OPENAI_API_KEY`, `OLLAMA_HOST`, ...); then the preset's defaults.
 * Providers with problems are reported and left out of the result.
 */
export function resolveProviders(
  raw: Record<string, RawProvider>,
  context: ProviderResolutionContext,
): Map<string, ResolvedProvider> {
  const providers = new Map<string, ResolvedProvider>();
  for (const [name, settings] of Object.entries(raw)) {
    const resolved = resolveProvider(name, settings, context);
    if (resolved) providers.set(name, resolved);
  }
  return providers;
}

function resolveProvider(
  name: string,
  settings: RawProvider,
  context: ProviderResolutionContext,
): ResolvedProvider | undefined {
  const at = (...keys: string[]) => formatPath(['providers', name, ...keys]);
  const type = settings.type ?? name;
  const preset = context.presets.get(type);
  if (!preset) {
    const known = [...context.presets.keys()].join(', ');
    context.issues.push(
      settings.type === undefined
        ? `${at('type')}: required, since "${name}" is not a provider type (known: ${known})`
        : `${at('type')}: unknown provider type "${type}" (known: ${known})`,
    );
    return undefined;
  }
  const errorCount = context.issues.length;
  const { options, secrets } = resolveOptions(settings, preset, context, at);
  const baseUrl = resolveBaseUrl(settings, preset, options, context, at('baseUrl'));
  const apiKey = resolveApiKey(settings, preset, context, at('apiKey'));
  const headers = settings.headers ?? {};
  for (const [header, value] of Object.entries(headers)) {
    if (!headerName.test(header))
      context.issues.push(`${at('headers', header)}: not a valid HTTP header name`);
    else if (/[\r\n\0]/.test(value))
      context.issues.push(`${at('headers', header)}: value contains a line break`);
  }
  if (context.issues.length > errorCount || baseUrl === undefined) return undefined;
  return {
    name,
    preset,
    baseUrl,
    apiKey,
    headers: { ...headers },
    options,
    secrets,
    timeouts: { ...transportTimeoutDefaults, ...definedOnly(settings.timeouts) },
  };
}

function resolveBaseUrl(
  settings: RawProvider,
  preset: ProviderPreset,
  options: Partial<Record<PlainOptionName, string>>,
  context: ProviderResolutionContext,
  path: string,
): string | undefined {
  const configured = settings.baseUrl?.trim();
  const fromEnvironment = configured ? undefined : readBaseUrlFromEnvironment(preset, context.env);
  const baseUrl = configured
    ? configured.replace(/\/+$/, '')
    : (fromEnvironment?.baseUrl ?? expandBaseUrlTemplate(preset.defaultBaseUrl, options));
  const origin = fromEnvironment ? ` (from ${fromEnvironment.variable})` : '';
  const unfilled = /\{([a-zA-Z]+)\}/.exec(baseUrl);
  if (!configured && !fromEnvironment && unfilled) {
    const variables = preset.baseUrlEnv?.length
      ? `, or the environment variable ${preset.baseUrlEnv.join(' or ')}`
      : '';
    context.issues.push(
      `${path}: provider type "${preset.id}" needs the base URL of your ${unfilled[1]} (set baseUrl${variables})`,
    );
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    context.issues.push(`${path}: "${baseUrl}"${origin} is not a valid http(s) URL`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    context.issues.push(`${path}: "${baseUrl}"${origin} is not a valid http(s) URL`);
    return undefined;
  }
  const expectedPath = new URL(preset.defaultBaseUrl).pathname;
  if (configured && url.pathname === '/' && expectedPath !== '/') {
    // A common slip with self-hosted servers: `http://host:8000` instead of `http://host:8000/v1`.
    context.warnings.push(
      `${path}: "${baseUrl}" has no path, so requests go to ${baseUrl}/chat/completions; ` +
        `${preset.displayName} usually serves ${expectedPath}/chat/completions`,
    );
  }
  return baseUrl;
}

function resolveApiKey(
  settings: RawProvider,
  preset: ProviderPreset,
  context: ProviderResolutionContext,
  path: string,
): Secret | undefined {
  // `apiKey: ${VLLM_KEY:-}` yields an empty string: that means "no key", not an empty key.
  const configured = settings.apiKey?.trim();
  const fromEnvironment = preset.apiKeyEnv.map((variable) => context.env[variable]?.trim()).find(Boolean);
  const value = configured || fromEnvironment;
  if (preset.auth.style === 'none' || (preset.auth.style === 'cloud' && preset.apiKeyEnv.length === 0)) {
    if (configured) context.warnings.push(`${path}: ignored, ${preset.displayName} takes no credential`);
    return undefined;
  }
  if (!value) {
    if (preset.keyRequired) {
      const variables = preset.apiKeyEnv.join(' or ');
      context.issues.push(
        `${path}: provider type "${preset.id}" needs an API key (set apiKey, or the environment variable ${variables})`,
      );
    }
    return undefined;
  }
  return new Secret(value);
}

/**
 * Cloud settings: explicit values win, then the preset's environment variables, then its defaults.
 * A setting the preset does not use is reported as a warning (it would be silently ignored).
 */
function resolveOptions(
  settings: RawProvider,
  preset: ProviderPreset,
  context: ProviderResolutionContext,
  at: (...keys: string[]) => string,
): {
  options: Partial<Record<PlainOptionName, string>>;
  secrets: Partial<Record<SecretOptionName, Secret>>;
} {
  const options: Partial<Record<PlainOptionName, string>> = {};
  const secrets: Partial<Record<SecretOptionName, Secret>> = {};
  const used = new Set<ProviderOptionName>([
    ...(Object.keys(preset.optionEnv ?? {}) as ProviderOptionName[]),
    ...(Object.keys(preset.optionDefaults ?? {}) as ProviderOptionName[]),
    ...(preset.requiredOptions ?? []).flat(),
  ]);
  for (const name of providerOptionNames) {
    const configured = settings[name]?.trim();
    if (configured && !used.has(name)) {
      context.warnings.push(`${at(name)}: ignored, ${preset.displayName} does not use it`);
      continue;
    }
    const fromEnvironment = (preset.optionEnv?.[name] ?? [])
      .map((variable) => context.env[variable]?.trim())
      .find(Boolean);
    const value = configured || fromEnvironment;
    if (isSecretOption(name)) {
      if (value) secrets[name] = new Secret(value);
    } else {
      const resolved = value || preset.optionDefaults?.[name];
      if (resolved) options[name] = resolved;
    }
  }
  for (const required of preset.requiredOptions ?? []) {
    const anyOf = Array.isArray(required) ? required : [required];
    if (anyOf.some((name) => (isSecretOption(name) ? secrets[name] : options[name]) !== undefined)) continue;
    const variables = anyOf.flatMap((name) => preset.optionEnv?.[name] ?? []);
    const hint = variables.length > 0 ? `, or the environment variable ${variables.join(' or ')}` : '';
    context.issues.push(
      `${at(anyOf[0] ?? '')}: provider type "${preset.id}" needs ${anyOf.join(' or ')} (set it in the provider${hint})`,
    );
  }
  return { options, secrets };
}

function isSecretOption(name: ProviderOptionName): name is SecretOptionName {
  return (secretOptionNames as readonly string[]).includes(name);
}

/** Drops keys whose value is undefined, so spreading over defaults keeps the defaults. */
export function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
