import { isAbsolute, resolve as resolvePath } from 'node:path';
import { findPricedModel } from '../catalog/find-priced-model.js';
import type { ModelCatalog } from '../catalog/types.js';
import type { Environment, ProviderPreset } from '../providers/presets/types.js';
import { ConfigError } from './config-error.js';
import { loggingDefaults, responsesDefaults, serverDefaults, storeFileName } from './defaults.js';
import { resolveAdmin } from './resolve-admin.js';
import { resolveCatalogFiles } from './resolve-catalog-files.js';
import { resolveModels } from './resolve-models.js';
import { definedOnly, resolveProviders } from './resolve-providers.js';
import { resolveRouting } from './resolve-routing.js';
import type { RawConfig } from './schema.js';
import type { ResolvedConfig } from './types.js';

/** What `resolveConfig` needs besides the raw configuration. */
export interface ResolveOptions {
  env: Environment;
  /** Where the store lives unless `store.path` says otherwise. */
  dataDir: string;
  presets: ReadonlyMap<string, ProviderPreset>;
  /**
   * Accepts bare model names in `routing:` and warns about target models it cannot price; optional.
   * `catalog.files` are laid over it for these checks.
   */
  catalog?: ModelCatalog;
  /** Reported in errors and as `ResolvedConfig.source`; defaults to 'configuration'. */
  source?: string;
  /** Relative `store.path` and `catalog.files` are taken from here (the config file's folder); defaults to the working directory. */
  configDirectory?: string;
}

/**
 * Checks cross-references (targets → providers, provider types → presets, fallbacks → models and
 * no cycles, routing references → aliases, providers or the catalog, positive weights, required
 * keys, http(s) base URLs, readable catalog files) and fills in every default.
 * All problems are collected, then thrown together as one `ConfigError`.
 */
export function resolveConfig(raw: RawConfig, options: ResolveOptions): ResolvedConfig {
  const issues: string[] = [];
  const warnings: string[] = [];
  const rawProviders = raw.providers ?? {};
  const rawModels = raw.models ?? {};
  const catalogFiles = resolveCatalogFiles(raw.catalog, options, issues);
  const providers = resolveProviders(rawProviders, {
    env: options.env,
    presets: options.presets,
    issues,
    warnings,
  });
  const models = resolveModels(rawModels, {
    providerNames: Object.keys(rawProviders),
    providers,
    catalog: catalogFiles.catalog,
    issues,
    warnings,
  });
  const routing = resolveRouting(raw.routing, {
    aliases: new Set(Object.keys(rawModels)),
    providerNames: Object.keys(rawProviders),
    providers,
    catalog: catalogFiles.catalog,
    issues,
    warnings,
  });
  const governance = resolveGovernance(raw.governance, catalogFiles.catalog, issues);
  const admin = resolveAdmin(raw.admin, options.env, issues);
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
    routing,
    catalogFiles: catalogFiles.files,
    governance,
    responses: { history: { ...responsesDefaults.history, ...definedOnly(raw.responses?.history) } },
    translation: { strict: raw.translation?.strict ?? false },
    admin,
  };
}

/** The bundled default baseline: the model most teams compare their bill against. */
export const defaultBaselineModel = 'openai/gpt-4o';

function resolveGovernance(
  raw: RawConfig['governance'],
  catalog: ModelCatalog | undefined,
  issues: string[],
): ResolvedConfig['governance'] {
  const baseline = raw?.baselineModel === null ? undefined : (raw?.baselineModel ?? defaultBaselineModel);
  if (baseline !== undefined && catalog !== undefined && findPricedModel(catalog, baseline) === undefined) {
    issues.push(
      `governance.baselineModel: "${baseline}" is not a priced model of the catalog (use provider/model or a catalog name, or null to turn savings off)`,
    );
  }
  return { baselineModel: baseline, summaryInBody: raw?.summaryInBody === true };
}

function resolveStorePath(configured: string | undefined, options: ResolveOptions): string {
  if (configured === undefined) return resolvePath(options.dataDir, storeFileName);
  // SQLite's in-memory database is a name, not a file.
  if (isAbsolute(configured) || configured === ':memory:') return configured;
  return resolvePath(options.configDirectory ?? process.cwd(), configured);
}
