import { GatewayError } from '../canon/errors.js';
import type { PolicyDocument } from '../governance/policy.js';
import type { KeyRecord, KeysRepository } from '../store/keys-repository.js';
import {
  buildKeyHint,
  type GeneratedVirtualKey,
  generateVirtualKey,
  hashSecret,
  isLookupId,
  lookupIdFromHint,
  parseVirtualKey,
} from './virtual-key-format.js';

/** What `create` needs; omitted optional fields mean "no restriction". */
export interface CreateKeyInput {
  name: string;
  /** Model names or patterns (`provider/*`, `*`); omitted or null allows every model. */
  allowedModels?: readonly string[] | null;
  /** Milliseconds since the epoch; must be in the future. */
  expiresAt?: number | null;
  metadata?: Record<string, string> | null;
  teamId?: string | null;
  planId?: string | null;
  policy?: PolicyDocument | null;
}

/** A created key: `key` is the full secret, shown to the user once and never stored. */
export interface CreatedKey {
  key: string;
  record: KeyRecord;
}

/** Key management for the CLI and admin API (not the request path: that uses the key cache). */
export interface KeyService {
  create(input: CreateKeyInput): Promise<CreatedKey>;
  list(): Promise<KeyRecord[]>;
  /**
   * Revokes by lookup id, key hint (`sy_<id>_…wxyz`) or the full key. Returns the record as now
   * stored (revoking twice is harmless); throws GatewayError('not_found') for an unknown key.
   */
  revoke(idOrHint: string): Promise<KeyRecord>;
}

/** Options for {@link createKeyService}; both exist for tests. */
export interface KeyServiceOptions {
  now?: () => number;
  generateKey?: () => GeneratedVirtualKey;
}

/** Creates the key service over a keys repository. Only the secret's sha256 is ever written. */
export function createKeyService(
  repository: Pick<KeysRepository, 'insert' | 'findById' | 'list' | 'revoke'>,
  options: KeyServiceOptions = {},
): KeyService {
  const now = options.now ?? Date.now;
  const generateKey = options.generateKey ?? generateVirtualKey;
  return {
    async create(input) {
      const at = now();
      validate(input, at);
      const generated = generateKey();
      const record: KeyRecord = {
        id: generated.lookupId,
        name: input.name.trim(),
        secretHash: hashSecret(generated.secret),
        keyHint: buildKeyHint(generated.lookupId, generated.secret),
        allowedModels: input.allowedModels == null ? null : [...input.allowedModels],
        metadata: input.metadata == null ? null : { ...input.metadata },
        createdAt: at,
        updatedAt: at,
        expiresAt: input.expiresAt ?? null,
        revokedAt: null,
        teamId: input.teamId ?? null,
        planId: input.planId ?? null,
        policy: input.policy ?? null,
        replacedBy: null,
      };
      await repository.insert(record);
      return { key: generated.key, record };
    },
    list: () => repository.list(),
    async revoke(idOrHint) {
      const id = resolveLookupId(idOrHint.trim());
      if (id === undefined) {
        throw new GatewayError('invalid_request', 'expected a key id, key hint (sy_<id>_…abcd) or full key');
      }
      await repository.revoke(id, now());
      const record = await repository.findById(id);
      if (record === undefined) throw new GatewayError('not_found', `no virtual key with id ${id}`);
      return record;
    },
  };
}

function resolveLookupId(text: string): string | undefined {
  if (isLookupId(text)) return text;
  return lookupIdFromHint(text) ?? parseVirtualKey(text)?.lookupId;
}

function validate(input: CreateKeyInput, at: number): void {
  if (input.name.trim().length === 0) {
    throw new GatewayError('invalid_request', 'a key needs a non-empty name', { param: 'name' });
  }
  if (input.allowedModels?.some((model) => model.trim().length === 0)) {
    throw new GatewayError('invalid_request', 'allowed models must be non-empty names', {
      param: 'allowedModels',
    });
  }
  const expiresAt = input.expiresAt;
  if (expiresAt != null && (!Number.isSafeInteger(expiresAt) || expiresAt <= at)) {
    throw new GatewayError('invalid_request', 'expiresAt must be a future time in milliseconds', {
      param: 'expiresAt',
    });
  }
}
