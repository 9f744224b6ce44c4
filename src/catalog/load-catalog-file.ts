import { readFileSync } from 'node:fs';
import { loadDefaultCatalog } from './catalog.js';
import { CatalogError } from './catalog-error.js';
import { mergeCatalogs } from './merge-catalogs.js';
import type { ModelCatalog } from './types.js';

/**
 * Reads a catalog file as JSON, not yet validated (`mergeCatalogs` validates). A missing file,
 * an unreadable one or invalid JSON throws a `CatalogError` naming the file.
 */
export function loadCatalogFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const reason = code === 'ENOENT' ? 'file not found' : `cannot read the file (${code || String(error)})`;
    throw new CatalogError(path, [reason], 'cannot be loaded');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CatalogError(path, [`not valid JSON: ${reason}`], 'cannot be loaded');
  }
}

/**
 * The catalog the gateway runs with: `base` (the bundled catalog by default) with the
 * configuration's `catalogFiles` laid over it, in order.
 */
export function loadCatalogWithFiles(
  files: readonly string[],
  base: ModelCatalog = loadDefaultCatalog(),
): ModelCatalog {
  return mergeCatalogs(
    base,
    files.map((path) => ({ document: loadCatalogFile(path), sourceName: path })),
  );
}
