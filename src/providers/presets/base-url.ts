import type { Environment, ProviderPreset } from './types.js';

/** A base URL taken from one of a preset's environment variables. */
export interface EnvironmentBaseUrl {
  /** The normalised URL. */
  baseUrl: string;
  /** The variable it came from, so errors can name it. */
  variable: string;
}

/** The first of `preset.baseUrlEnv` that is set and non-empty, normalised for that preset. */
export function readBaseUrlFromEnvironment(
  preset: ProviderPreset,
  env: Environment,
): EnvironmentBaseUrl | undefined {
  for (const variable of preset.baseUrlEnv ?? []) {
    const value = env[variable]?.trim();
    if (value) return { baseUrl: normaliseBaseUrl(value, preset), variable };
  }
  return undefined;
}

/**
 * Completes a base URL read from the environment.
 *
 * Self-hosted servers are commonly given as `host:port` (Ollama's own `OLLAMA_HOST` convention) or
 * as a URL without the `/v1` prefix, so for them a missing scheme becomes `http://`, a missing port
 * (when no scheme was given) becomes the preset's default port, and an empty path becomes the
 * preset's default path. Hosted vendors' URLs are taken as written: a proxy in front of OpenAI may
 * have any path. Trailing slashes are always removed so `${baseUrl}/chat/completions` is clean.
 * A value that still is not a URL is returned trimmed, for validation to report.
 */
export function normaliseBaseUrl(value: string, preset: ProviderPreset): string {
  const trimmed = value.trim();
  if (!preset.selfHosted) return appendEnvPath(stripTrailingSlashes(trimmed), preset);
  const defaults = new URL(preset.defaultBaseUrl);
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `http://${trimmed}`);
  } catch {
    return trimmed;
  }
  // Another scheme is a mistake for validation to report as written, not something to complete.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return trimmed;
  // Like Ollama's client: a bare host gets the server's default port, an explicit scheme its own.
  if (!hasScheme && url.port === '') url.port = defaults.port;
  if (url.pathname === '/' || url.pathname === '') url.pathname = defaults.pathname;
  return stripTrailingSlashes(url.toString());
}

/** A workspace host from the environment (`DATABRICKS_HOST`) gets the API path the vendor serves under it. */
function appendEnvPath(value: string, preset: ProviderPreset): string {
  if (preset.baseUrlEnvPath === undefined) return value;
  try {
    return new URL(value).pathname === '/' ? `${value}${preset.baseUrlEnvPath}` : value;
  } catch {
    return value;
  }
}

/**
 * Fills `{option}` placeholders of a preset's default base URL. Google's `global` location has no
 * regional prefix (`aiplatform.googleapis.com`, not `global-aiplatform...`). Placeholders without a
 * value stay, for configuration to report.
 */
export function expandBaseUrlTemplate(
  template: string,
  values: Readonly<Record<string, string | undefined>>,
): string {
  return template.replace(/\{([a-zA-Z]+)\}(-?)/g, (placeholder, name: string, dash: string) => {
    const value = values[name];
    if (value === undefined || value === '') return placeholder;
    if (name === 'location' && value === 'global' && dash === '-') return '';
    return `${encodeURIComponent(value)}${dash}`;
  });
}

function stripTrailingSlashes(value: string): string {
  return value.replace(/\/+$/, '');
}
