// The versioned, priced model catalog (models.json) and exact cost arithmetic in micro-dollars.
// Prices are data in the repository; extra catalog files (config `catalog.files`) are laid over it.
export { createModelCatalog, loadDefaultCatalog, toMicrosPerMillion } from './catalog.js';
export { CatalogError } from './catalog-error.js';
export { computeCostMicros, formatUsd } from './compute-cost.js';
export { findPricedModel } from './find-priced-model.js';
export { loadCatalogFile, loadCatalogWithFiles } from './load-catalog-file.js';
export type { CatalogSource } from './merge-catalogs.js';
export { layerCatalogs, mergeCatalogs } from './merge-catalogs.js';
export type { CatalogEntry, ModelCapabilities, ModelCatalog, ModelPrice, UnitPrices } from './types.js';
