// Configuration: switchyard.yaml (or the environment, or the demo) → a checked ResolvedConfig.
// load.ts parses and interpolates, resolve.ts cross-checks and fills defaults; secrets stay wrapped.
import { dirname } from 'node:path';
import { loadDefaultCatalog } from '../catalog/catalog.js';
import type { ModelCatalog } from '../catalog/types.js';
import { providerPresets } from '../providers/presets/index.js';
import type { Environment, ProviderPreset } from '../providers/presets/types.js';
import { buildDemoConfiguration } from './demo.js';
import { detectProviders } from './detect-providers.js';
import { loadConfigFile } from './load.js';
import { resolveConfig } from './resolve.js';
import type { ResolvedConfig } from './types.js';

export { ConfigError } from './config-error.js';
export { defaultRouting } from './defaults.js';
export type { DemoOptions } from './demo.js';
export {
  buildDemoConfiguration,
  demoModelNames,
  isSimulatorPlaceholder,
  withSimulatorBaseUrl,
} from './demo.js';
export { describeConfiguration } from './describe-configuration.js';
export { detectProviders } from './detect-providers.js';
export { loadConfigFile, loadConfigText } from './load.js';
export type { ResolveOptions } from './resolve.js';
export { resolveConfig } from './resolve.js';
export { adminKeyVariable } from './resolve-admin.js';
export { routingStrategyNames, taskClassNames } from './routing-schema.js';
export type { RawConfig, RawModel, RawProvider, RawRouting, RawTarget } from './schema.js';
export { balanceStrategyNames } from './schema.js';
export { Secret } from './secret.js';
export type {
  BalanceStrategy,
  DeploymentOverrides,
  ResolvedAdmin,
  ResolvedConfig,
  ResolvedIndustry,
  ResolvedModel,
  ResolvedPolicy,
  ResolvedProvider,
  ResolvedRouting,
  ResolvedTarget,
  RoutingStrategyName,
  TaskClassName,
} from './types.js';

/** Where the configuration comes from; see `loadConfiguration`. */
export interface LoadConfigurationOptions {
  /** A switchyard.yaml; when given it is the only source (a missing file is an error). */
  configPath?: string;
  env: Environment;
  /** Holds the store unless `store.path` says otherwise. */
  dataDir: string;
  /** For the demo: the in-process simulator's URL, if it already listens. */
  simulatorBaseUrl?: string;
  /** Defaults to the bundled catalog. */
  catalog?: ModelCatalog;
  /** Defaults to the built-in presets. */
  presets?: ReadonlyMap<string, ProviderPreset>;
}

/**
 * The configuration to run with: the file if a path is given; otherwise providers detected from
 * the environment (`source: 'environment'`, no models: callers use `provider/model` names);
 * otherwise the demo (`demo: true`). Throws `ConfigError` listing every problem.
 */
export function loadConfiguration(options: LoadConfigurationOptions): ResolvedConfig {
  const presets = options.presets ?? providerPresets;
  const catalog = options.catalog ?? loadDefaultCatalog();
  const common = { env: options.env, dataDir: options.dataDir, presets, catalog };
  if (options.configPath !== undefined) {
    const raw = loadConfigFile(options.configPath, options.env);
    return resolveConfig(raw, {
      ...common,
      source: options.configPath,
      configDirectory: dirname(options.configPath),
    });
  }
  const detected = detectProviders(options.env, presets);
  if (Object.keys(detected).length > 0) {
    return resolveConfig({ providers: detected }, { ...common, source: 'environment' });
  }
  return buildDemoConfiguration({
    dataDir: options.dataDir,
    env: options.env,
    presets,
    catalog,
    simulatorBaseUrl: options.simulatorBaseUrl,
  });
}
