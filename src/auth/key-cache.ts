import { GatewayError } from '../canon/errors.js';
import type { KeyRecord, KeysRepository } from '../store/keys-repository.js';
import { buildPrincipal, type Principal } from './principal.js';
import { parseVirtualKey, secretMatches } from './virtual-key-format.js';

/** Options for {@link createKeyCache}. */
export interface KeyCacheOptions {
  repository: Pick<KeysRepository, 'list' | 'changedSince'>;
  /** How often to ask the store for changed keys. Default 250 ms. */
  pollIntervalMs?: number;
  now?: () => number;
  /** Told about a failed poll; the cache keeps serving what it last knew and polls again. */
  onError: (error: unknown) => void;
  /** Credentials remembered after a successful hash check. Default 10 000. */
  verifiedCacheSize?: number;
  /**
   * How far before the newest seen `updatedAt` each poll looks again. Another process may commit
   * a change stamped slightly earlier than one we already saw (clock ties, slow commits).
   */
  pollOverlapMs?: number;
}

/** Verifies virtual keys from memory; the store is only read by the background poll. */
export interface KeyCache {
  /** Loads every key and starts polling. */
  start(): Promise<void>;
  /** Stops polling; a poll already running still finishes and updates the cache. */
  stop(): void;
  /** Synchronous, no I/O. Throws GatewayError('unauthenticated') saying what is wrong. */
  verify(credential: string | undefined): Principal;
  /** Polls now (after any running poll), so changes made before the call are visible after it. */
  refresh(): Promise<void>;
  /** Keys held. */
  readonly size: number;
}

interface CachedKey {
  record: KeyRecord;
  principal: Principal;
  /** Detects a changed record among the overlap rows every poll returns again. */
  fingerprint: string;
}

interface VerifiedCredential {
  lookupId: string;
  /** The entry the hash was checked against; a replaced entry (any change) forces a new check. */
  key: CachedKey;
}

/**
 * Creates the in-memory key cache. A key created or revoked by another process (the CLI) takes
 * effect within one poll interval, because every poll reads `changedSince(newest - overlap)`.
 */
export function createKeyCache(options: KeyCacheOptions): KeyCache {
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const now = options.now ?? Date.now;
  const verifiedCacheSize = Math.max(0, options.verifiedCacheSize ?? 10_000);
  const pollOverlapMs = options.pollOverlapMs ?? 2000;
  const keys = new Map<string, CachedKey>();
  const verified = new Map<string, VerifiedCredential>();
  let newestUpdatedAt = 0;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let started = false;

  function apply(records: readonly KeyRecord[]): void {
    for (const record of records) {
      const fingerprint = JSON.stringify(record);
      if (keys.get(record.id)?.fingerprint !== fingerprint) {
        keys.set(record.id, { record, principal: buildPrincipal(record), fingerprint });
      }
      if (record.updatedAt > newestUpdatedAt) newestUpdatedAt = record.updatedAt;
    }
  }

  /** One poll at a time: a second caller waits for the running one, then polls again. */
  async function poll(): Promise<void> {
    while (running !== undefined) await running.catch(() => undefined);
    running = (async () => {
      apply(await options.repository.changedSince(newestUpdatedAt - pollOverlapMs));
    })();
    try {
      await running;
    } finally {
      running = undefined;
    }
  }

  function schedule(): void {
    if (!started) return;
    // setTimeout after each poll (not setInterval) so a slow poll can never overlap the next.
    timer = setTimeout(() => {
      poll()
        .catch((error: unknown) => options.onError(error))
        .finally(schedule);
    }, pollIntervalMs);
    timer.unref();
  }

  function remember(credential: string, entry: VerifiedCredential): void {
    if (verifiedCacheSize === 0) return;
    if (verified.size >= verifiedCacheSize) {
      // Evict the oldest insertion; Map iteration order is insertion order.
      const oldest = verified.keys().next();
      if (oldest.done !== true) verified.delete(oldest.value);
    }
    verified.set(credential, entry);
  }

  function checkState(record: KeyRecord): void {
    if (record.revokedAt !== null) {
      throw unauthenticated(`revoked API key: key ${record.keyHint} was revoked`);
    }
    if (record.expiresAt !== null && now() >= record.expiresAt) {
      throw unauthenticated(
        `expired API key: key ${record.keyHint} expired at ${new Date(record.expiresAt).toISOString()}`,
      );
    }
  }

  return {
    async start() {
      if (started) return poll();
      const records = await options.repository.list();
      keys.clear();
      verified.clear();
      newestUpdatedAt = 0;
      apply(records);
      started = true;
      schedule();
    },
    stop() {
      started = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    verify(credential) {
      if (credential === undefined || credential.length === 0) {
        throw unauthenticated('missing API key: send a Switchyard virtual key (sy_…)');
      }
      const hit = verified.get(credential);
      if (hit !== undefined) {
        const current = keys.get(hit.lookupId);
        if (current === hit.key) {
          // Same record object as when the hash matched; its state may still have expired.
          checkState(current.record);
          return current.principal;
        }
        verified.delete(credential);
      }
      const parsed = parseVirtualKey(credential);
      if (parsed === undefined) {
        throw unauthenticated('malformed API key: expected a Switchyard virtual key sy_<id>_<secret>');
      }
      const key = keys.get(parsed.lookupId);
      // Unknown id and wrong secret read the same, so a guessed or leaked id (it is in the key
      // hint) reveals nothing. Revoked/expired are only reported to holders of the right secret.
      if (key === undefined || !secretMatches(parsed.secret, key.record.secretHash)) {
        throw unauthenticated('unknown API key: no key matches this credential');
      }
      checkState(key.record);
      remember(credential, { lookupId: parsed.lookupId, key });
      return key.principal;
    },
    refresh: poll,
    get size() {
      return keys.size;
    },
  };
}

function unauthenticated(message: string): GatewayError {
  return new GatewayError('unauthenticated', message);
}
