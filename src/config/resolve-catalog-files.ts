import { resolve as resolvePath } from 'node:path';
import { createModelCatalog } from '../catalog/catalog.js';
import { CatalogError } from '../catalog/catalog-error.js';
import { loadCatalogFile } from '../catalog/load-catalog-file.js';
import { layerCatalogs } from '../catalog/merge-catalogs.js';
import type { ModelCatalog } from '../catalog/types.js';
import { formatPath } from './format-path.js';
import type { RawConfig } from './schema.js';

/** The `catalog.files` as absolute paths, and the catalog that configuration checks should use. */
export interface ResolvedCatalogFiles {
  files: string[];
  /** The given catalog with the files laid over it; undefined when there is neither. */
  catalog: ModelCatalog | undefined;
}

/**
 * Makes each `catalog.files` entry absolute (relative ones are taken from `configDirectory`),
 * then reads and validates it, so a missing or broken price file fails at startup with its
 * `catalog.files[i]` path rather than at the first request. The merged catalog lets routing
 * references and price warnings see the models those files add.
 */
export function resolveCatalogFiles(
  raw: RawConfig['catalog'],
  options: { configDirectory?: string; catalog?: ModelCatalog },
  issues: string[],
): ResolvedCatalogFiles {
  const files = (raw?.files ?? []).map((file) => resolvePath(options.configDirectory ?? process.cwd(), file));
  if (files.length === 0) return { files, catalog: options.catalog };
  const overlays: ModelCatalog[] = [];
  files.forEach((file, index) => {
    const at = `${formatPath(['catalog', 'files', index])}: ${file}`;
    try {
      // Validated one by one so that every broken file is reported, not only the first.
      overlays.push(createModelCatalog(loadCatalogFile(file), file));
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
      for (const problem of error.problems) issues.push(`${at}: ${problem}`);
    }
  });
  const base = options.catalog ?? createModelCatalog({ version: 'none', models: [] }, 'no catalog');
  return { files, catalog: layerCatalogs(base, overlays) };
}
