import { isAbsolute, resolve as resolvePath } from 'node:path';
import type { ModelCatalog } from '../catalog/types.js';
import type { Environment, ProviderPreset } from '../providers/presets/types.js';
import { ConfigError } from './config-error.js';
import { loggingDefaults, serverDefaults, storeFileName } from './defaults.js';
import { resolveModels } from './resolve-models.js';
import { definedOnly, resolveProviders } from './resolve-providers.js';
import type { RawConfig } from './schema.js';
import type { ResolvedConfig } from './types.js';

/** What `resolveConfig` needs besides the raw configuration. */
export interface ResolveOptions {
  env: Environment;
  /** Where the store lives unless `store.path` says otherwise. */
  dataDir: string;
  presets: ReadonlyMap<string, ProviderPreset>;
  /** Used to warn about target models the catalog cannot price; optional. */
  catalog?: ModelCatalog;
  /** Reported in errors and as `ResolvedConfig.source`; defaults to 'configuration'. */
  source?: string;
  /** A relative `store.path` is taken from here (the config file's folder); defaults to the working directory. */
  configDirectory?: string;
}

/**
 * Checks cross-references (targets → providers, provider types → presets, fallbacks → models and
 * no cycles, positive weights, required keys, http(s) base URLs) and fills in every default.
 * All problems are collected, then thrown together as one `ConfigError`.
 */
export function resolveConfig(raw: RawConfig, options: ResolveOptions): ResolvedConfig {
  const issues: string[] = [];
  const warnings: string[] = [];
  const rawProviders = raw.providers ?? {};
  const providers = resolveProviders(rawProviders, {
    env: options.env,
    presets: options.presets,
    issues,
    warnings,
  });
  const models = resolveModels(raw.models ?? {}, {
    providerNames: Object.keys(rawProviders),
    providers,
    catalog: options.catalog,
    issues,
    warnings,
  });
  if (issues.length > 0) throw new ConfigError(issues, options.source);
  return {
    server: { ...serverDefaults, ...definedOnly(raw.server) },
    store: { type: 'sqlite', path: resolveStorePath(raw.store?.path, options) },
    logging: { ...loggingDefaults, ...definedOnly(raw.logging) },
    providers,
    models,
    demo: false,
    source: options.source ?? 'configuration',
    warnings,
  };
}

function resolveStorePath(configured: string | undefined, options: ResolveOptions): string {
  if (configured === undefined) return resolvePath(options.dataDir, storeFileName);
  // SQLite's in-memory database is a name, not a file.
  if (isAbsolute(configured) || configured === ':memory:') return configured;
  return resolvePath(options.configDirectory ?? process.cwd(), configured);
}
