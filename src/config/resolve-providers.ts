import { readBaseUrlFromEnvironment } from '../providers/presets/base-url.js';
import type { Environment, ProviderPreset } from '../providers/presets/types.js';
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
  const baseUrl = resolveBaseUrl(settings, preset, context, at('baseUrl'));
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
    timeouts: { ...transportTimeoutDefaults, ...definedOnly(settings.timeouts) },
  };
}

function resolveBaseUrl(
  settings: RawProvider,
  preset: ProviderPreset,
  context: ProviderResolutionContext,
  path: string,
): string | undefined {
  const configured = settings.baseUrl?.trim();
  const fromEnvironment = configured ? undefined : readBaseUrlFromEnvironment(preset, context.env);
  const baseUrl = configured
    ? configured.replace(/\/+$/, '')
    : (fromEnvironment?.baseUrl ?? preset.defaultBaseUrl);
  const origin = fromEnvironment ? ` (from ${fromEnvironment.variable})` : '';
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
  if (preset.auth.style === 'none') {
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

/** Drops keys whose value is undefined, so spreading over defaults keeps the defaults. */
export function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
