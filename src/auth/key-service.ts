import { GatewayError } from '../canon/errors.js';
import type { PolicyDocument } from '../governance/policy.js';
import type { KeyPatch, KeyRecord, KeysRepository } from '../store/keys-repository.js';
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
  /** By lookup id, hint or full key; throws GatewayError('not_found'). */
  get(idOrHint: string): Promise<KeyRecord>;
  /** Changes settings of a key that is not revoked; throws 'not_found' otherwise. */
  update(idOrHint: string, patch: KeyPatch): Promise<KeyRecord>;
  /**
   * Issues a new key with the same settings and lets the old one work for `graceMs` more (0 =
   * refused at once). Both writes happen in one transaction. Throws 'not_found' for an unknown or
   * revoked key, and a 409 for a key already rotated.
   */
  rotate(idOrHint: string, graceMs: number): Promise<{ created: CreatedKey; old: KeyRecord }>;
}

/** Options for {@link createKeyService}; both exist for tests. */
export interface KeyServiceOptions {
  now?: () => number;
  generateKey?: () => GeneratedVirtualKey;
}

/** Creates the key service over a keys repository. Only the secret's sha256 is ever written. */
export function createKeyService(
  repository: Pick<KeysRepository, 'insert' | 'findById' | 'list' | 'revoke' | 'update' | 'rotate'>,
  options: KeyServiceOptions = {},
): KeyService {
  const now = options.now ?? Date.now;
  const generateKey = options.generateKey ?? generateVirtualKey;
  const newRecord = (input: CreateKeyInput, at: number): CreatedKey => {
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
    return { key: generated.key, record };
  };
  const lookup = async (idOrHint: string): Promise<KeyRecord> => {
    const id = requireLookupId(idOrHint);
    const record = await repository.findById(id);
    if (record === undefined) throw new GatewayError('not_found', `no virtual key with id ${id}`);
    return record;
  };
  return {
    async create(input) {
      const at = now();
      validate(input, at);
      const created = newRecord(input, at);
      await repository.insert(created.record);
      return created;
    },
    get: lookup,
    async update(idOrHint, patch) {
      const id = requireLookupId(idOrHint);
      const at = now();
      validate(patch, at);
      const updated = await repository.update(id, { ...patch, name: patch.name?.trim() }, at);
      if (updated === undefined) throw new GatewayError('not_found', `no active virtual key with id ${id}`);
      return updated;
    },
    async rotate(idOrHint, graceMs) {
      const current = await lookup(idOrHint);
      if (current.replacedBy !== null) throw alreadyRotated(current);
      if (!Number.isSafeInteger(graceMs) || graceMs < 0) {
        throw new GatewayError(
          'invalid_request',
          'the grace period must be a whole number of milliseconds >= 0',
          {
            param: 'grace_seconds',
          },
        );
      }
      const at = now();
      const created = newRecord(
        {
          name: current.name,
          allowedModels: current.allowedModels,
          // An expiry already passed would make the new key useless; the replacement starts fresh.
          expiresAt: current.expiresAt !== null && current.expiresAt > at ? current.expiresAt : null,
          metadata: current.metadata,
          teamId: current.teamId,
          planId: current.planId,
          policy: current.policy,
        },
        at,
      );
      const old = await repository.rotate(current.id, created.record, at + graceMs);
      if (old === undefined) {
        // Changed since it was read: revoked, or rotated by a concurrent call (which won).
        const now = await lookup(current.id);
        if (now.replacedBy !== null) throw alreadyRotated(now);
        throw new GatewayError('not_found', `no active virtual key with id ${current.id}`);
      }
      return { created, old };
    },
    list: () => repository.list(),
    async revoke(idOrHint) {
      const id = requireLookupId(idOrHint);
      await repository.revoke(id, now());
      const record = await repository.findById(id);
      if (record === undefined) throw new GatewayError('not_found', `no virtual key with id ${id}`);
      return record;
    },
  };
}

/** A second replacement of the same key would leave two live successors; rotate the newest instead. */
function alreadyRotated(record: KeyRecord): GatewayError {
  return new GatewayError(
    'invalid_request',
    `key ${record.id} was already rotated: rotate its replacement ${record.replacedBy} instead`,
    { status: 409 },
  );
}

function requireLookupId(idOrHint: string): string {
  const id = resolveLookupId(idOrHint.trim());
  if (id === undefined) {
    throw new GatewayError('invalid_request', 'expected a key id, key hint (sy_<id>_…abcd) or full key');
  }
  return id;
}

function resolveLookupId(text: string): string | undefined {
  if (isLookupId(text)) return text;
  return lookupIdFromHint(text) ?? parseVirtualKey(text)?.lookupId;
}

/** Checks the settings given; a patch may leave the name out. */
function validate(input: Pick<KeyPatch, 'name' | 'allowedModels' | 'expiresAt'>, at: number): void {
  if (input.name !== undefined && input.name.trim().length === 0) {
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
