// Virtual keys: the sy_<id>_<secret> format, hashing, the in-memory key cache that verifies
// callers without touching the database, the Principal it yields, and key management.
export { createKeyCache, type KeyCache, type KeyCacheOptions } from './key-cache.js';
export {
  type CreatedKey,
  type CreateKeyInput,
  createKeyService,
  type KeyService,
  type KeyServiceOptions,
} from './key-service.js';
export { buildPrincipal, isModelAllowed, type Principal } from './principal.js';
export {
  buildKeyHint,
  type GeneratedVirtualKey,
  generateVirtualKey,
  hashSecret,
  isLookupId,
  lookupIdFromHint,
  type ParsedVirtualKey,
  parseVirtualKey,
  randomBase62,
  secretMatches,
} from './virtual-key-format.js';
