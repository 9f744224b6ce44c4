// Helpers shared by the configuration's own tests (not part of the public API).
import { loadDefaultCatalog } from '../catalog/catalog.js';
import type { ModelCatalog } from '../catalog/types.js';
import { providerPresets } from '../providers/presets/index.js';
import type { Environment } from '../providers/presets/types.js';
import { ConfigError } from './config-error.js';
import { loadConfigText } from './load.js';
import { resolveConfig } from './resolve.js';
import type { ResolvedConfig } from './types.js';

/** The bundled catalog, loaded once for every test file that imports this. */
export const bundledCatalog = loadDefaultCatalog();

/** Settings of `resolveYaml` besides the text. */
export interface ResolveYamlOptions {
  env?: Environment;
  catalog?: ModelCatalog;
  configDirectory?: string;
}

/** YAML text → schema → resolution, as `loadConfiguration` does for a file in `/etc/switchyard`. */
export function resolveYaml(text: string, options: ResolveYamlOptions = {}): ResolvedConfig {
  const env = options.env ?? {};
  return resolveConfig(loadConfigText(text, env, 'switchyard.yaml'), {
    env,
    dataDir: '/var/lib/switchyard',
    presets: providerPresets,
    catalog: 'catalog' in options ? options.catalog : bundledCatalog,
    source: 'switchyard.yaml',
    configDirectory: options.configDirectory ?? '/etc/switchyard',
  });
}

/** The issues of the `ConfigError` that loading or resolving `text` throws; fails if none is thrown. */
export function issuesOfYaml(text: string, options: ResolveYamlOptions = {}): string[] {
  try {
    resolveYaml(text, options);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
