import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyPolicy } from '../governance/policy.js';
import type { KeyRecord } from '../store/keys-repository.js';
import { openStore, type Store } from '../store/store.js';
import { createKeyCache, type KeyCache } from './key-cache.js';
import { createKeyService, type KeyService } from './key-service.js';
import { secretMatches } from './virtual-key-format.js';

// Count constant-time comparisons, to see the verified-credential cache skip them.
vi.mock('./virtual-key-format.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./virtual-key-format.js')>();
  return { ...actual, secretMatches: vi.fn(actual.secretMatches) };
});

let directory: string;
let store: Store;
let service: KeyService;
let clock: number;
const caches: KeyCache[] = [];

function startCache(options: { verifiedCacheSize?: number } = {}): Promise<KeyCache> {
  const cache = createKeyCache({ repository: store.keys, now: () => clock, onError: vi.fn(), ...options });
  caches.push(cache);
  return cache.start().then(() => cache);
}

function refusal(cache: KeyCache, credential: string | undefined): { kind: string; message: string } {
  try {
    cache.verify(credential);
  } catch (error) {
    if (error instanceof Error && 'kind' in error && typeof error.kind === 'string') {
      return { kind: error.kind, message: error.message };
    }
    throw error;
  }
  throw new Error('verify accepted the credential');
}

beforeEach(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-key-cache-'));
  store = await openStore({ dataDir: directory });
  clock = 1_700_000_000_000;
  service = createKeyService(store.keys, { now: () => clock });
  vi.mocked(secretMatches).mockClear();
});

afterEach(async () => {
  for (const cache of caches.splice(0)) cache.stop();
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('key cache verify', () => {
  it('returns the principal for a valid key', async () => {
    const { key, record } = await service.create({
      name: 'ci',
      allowedModels: ['fast'],
      metadata: { a: 'b' },
    });
    const cache = await startCache();
    expect(cache.size).toBe(1);
    expect(cache.verify(key)).toEqual({
      keyId: record.id,
      name: 'ci',
      allowedModels: new Set(['fast']),
      metadata: { a: 'b' },
      expiresAt: null,
      teamId: null,
      planId: null,
      policy: emptyPolicy,
    });
  });

  it('says what is wrong, always as unauthenticated', async () => {
    const { key, record } = await service.create({ name: 'ci' });
    const revoked = await service.create({ name: 'old' });
    await service.revoke(revoked.record.id);
    const cache = await startCache();
    const wrongSecret = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    const unknown = `sy_ZZZZZZZZZZZZ_${key.slice(-40)}`;
    expect(refusal(cache, undefined)).toEqual({
      kind: 'unauthenticated',
      message: expect.stringMatching(/^missing/),
    });
    expect(refusal(cache, '')).toMatchObject({ message: expect.stringMatching(/^missing/) });
    expect(refusal(cache, 'sk-openai-key')).toEqual({
      kind: 'unauthenticated',
      message: expect.stringMatching(/^malformed/),
    });
    expect(refusal(cache, unknown)).toEqual({
      kind: 'unauthenticated',
      message: expect.stringMatching(/^unknown/),
    });
    // A wrong secret reads exactly like an unknown key, so lookup ids (visible in hints) leak nothing.
    expect(refusal(cache, wrongSecret)).toEqual(refusal(cache, unknown));
    expect(refusal(cache, revoked.key)).toEqual({
      kind: 'unauthenticated',
      message: `revoked API key: key ${revoked.record.keyHint} was revoked`,
    });
    expect(cache.verify(key).keyId).toBe(record.id);
  });

  it('refuses an expired key, even one verified (and cached) before it expired', async () => {
    const { key, record } = await service.create({ name: 'temp', expiresAt: clock + 1000 });
    const cache = await startCache();
    clock += 999;
    expect(cache.verify(key).expiresAt).toBe(record.expiresAt);
    clock += 1;
    expect(refusal(cache, key)).toEqual({
      kind: 'unauthenticated',
      message: `expired API key: key ${record.keyHint} expired at ${new Date(clock).toISOString()}`,
    });
  });

  it('hashes a credential once, yet honours a revocation seen later', async () => {
    const { key, record } = await service.create({ name: 'ci' });
    const cache = await startCache();
    cache.verify(key);
    cache.verify(key);
    cache.verify(key);
    expect(secretMatches).toHaveBeenCalledTimes(1);
    clock += 5;
    await service.revoke(record.id);
    await cache.refresh();
    expect(refusal(cache, key).message).toMatch(/^revoked/);
  });

  it('keeps the verified-credential cache bounded', async () => {
    const keys = [];
    for (let index = 0; index < 3; index += 1) keys.push((await service.create({ name: `k${index}` })).key);
    const cache = await startCache({ verifiedCacheSize: 2 });
    for (const key of keys) cache.verify(key);
    expect(secretMatches).toHaveBeenCalledTimes(3);
    cache.verify(keys[2]);
    expect(secretMatches).toHaveBeenCalledTimes(3);
    // The oldest entry was evicted, so it is hashed again.
    cache.verify(keys[0]);
    expect(secretMatches).toHaveBeenCalledTimes(4);
  });
});

describe('key cache polling', () => {
  function fakeRepository(records: KeyRecord[]) {
    return {
      list: vi.fn(async () => [...records]),
      changedSince: vi.fn(async (ms: number) => records.filter((record) => record.updatedAt >= ms)),
    };
  }

  it('verify never touches the repository', async () => {
    const { key, record } = await service.create({ name: 'ci' });
    const repository = fakeRepository([record]);
    const cache = createKeyCache({ repository, pollIntervalMs: 60_000, now: () => clock, onError() {} });
    await cache.start();
    for (let index = 0; index < 100; index += 1) cache.verify(key);
    expect(() => cache.verify('sy_bad')).toThrow(/malformed/);
    expect(repository.list).toHaveBeenCalledTimes(1);
    expect(repository.changedSince).not.toHaveBeenCalled();
    cache.stop();
  });

  it('asks for changes since the newest seen update minus the overlap', async () => {
    const { record } = await service.create({ name: 'ci' });
    const repository = fakeRepository([record]);
    const cache = createKeyCache({ repository, pollIntervalMs: 60_000, onError() {} });
    await cache.start();
    await cache.refresh();
    expect(repository.changedSince).toHaveBeenLastCalledWith(record.updatedAt - 2000);
    cache.stop();
  });

  it('never runs two polls at once', async () => {
    let active = 0;
    let peak = 0;
    const repository = {
      list: async () => [],
      changedSince: vi.fn(async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active -= 1;
        return [];
      }),
    };
    const cache = createKeyCache({ repository, pollIntervalMs: 1, onError() {} });
    await cache.start();
    await Promise.all([cache.refresh(), cache.refresh(), cache.refresh()]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    cache.stop();
    expect(peak).toBe(1);
    expect(repository.changedSince.mock.calls.length).toBeGreaterThanOrEqual(3);
  });

  it('reports a failed poll, keeps serving what it knew, and keeps polling', async () => {
    const { key, record } = await service.create({ name: 'ci' });
    const onError = vi.fn();
    let failing = true;
    const repository = {
      list: async () => [record],
      changedSince: vi.fn(async () => {
        if (failing) throw new Error('database is locked');
        return [{ ...record, revokedAt: clock, updatedAt: clock + 1 }];
      }),
    };
    const cache = createKeyCache({ repository, pollIntervalMs: 5, now: () => clock, onError });
    await cache.start();
    await vi.waitFor(() => expect(onError).toHaveBeenCalled(), { timeout: 1000, interval: 5 });
    expect(cache.verify(key).keyId).toBe(record.id);
    failing = false;
    await vi.waitFor(() => expect(() => cache.verify(key)).toThrow(/revoked/), {
      timeout: 1000,
      interval: 5,
    });
    cache.stop();
  });
});
