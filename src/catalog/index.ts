// The versioned, priced model catalog (models.json) and exact cost arithmetic in micro-dollars.
// Prices are data in the repository; nothing here performs I/O beyond importing that file.
export { createModelCatalog, loadDefaultCatalog, toMicrosPerMillion } from './catalog.js';
export { computeCostMicros, formatUsd } from './compute-cost.js';
export type { CatalogEntry, ModelCapabilities, ModelCatalog, ModelPrice } from './types.js';
