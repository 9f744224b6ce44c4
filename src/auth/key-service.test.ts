import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.js';
import { createKeyService, type KeyService } from './key-service.js';
import { hashSecret, parseVirtualKey } from './virtual-key-format.js';

let directory: string;
let store: Store;
let service: KeyService;
let clock: number;

beforeEach(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-key-service-'));
  store = await openStore({ dataDir: directory });
  clock = 1_700_000_000_000;
  service = createKeyService(store.keys, { now: () => clock });
});

afterEach(async () => {
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('key service', () => {
  it('creates a key and stores only the hash of its secret', async () => {
    const created = await service.create({
      name: '  ci runner ',
      allowedModels: ['fast'],
      metadata: { team: 'qa' },
      expiresAt: clock + 60_000,
    });
    const parsed = parseVirtualKey(created.key);
    if (parsed === undefined) throw new Error('created key does not parse');
    expect(created.record).toEqual({
      id: parsed.lookupId,
      name: 'ci runner',
      secretHash: hashSecret(parsed.secret),
      keyHint: `sy_${parsed.lookupId}_…${parsed.secret.slice(-4)}`,
      allowedModels: ['fast'],
      metadata: { team: 'qa' },
      createdAt: clock,
      updatedAt: clock,
      expiresAt: clock + 60_000,
      revokedAt: null,
      teamId: null,
      planId: null,
      policy: null,
      replacedBy: null,
    });
    // Read the stored row itself: no column may hold the secret or the full key.
    const reader = await openStore({ dataDir: directory });
    try {
      const stored = await reader.keys.findById(parsed.lookupId);
      expect(stored?.secretHash).toBe(hashSecret(parsed.secret));
      const bytes = ['switchyard.db', 'switchyard.db-wal']
        .map((name) => path.join(directory, name))
        .filter((file) => fs.existsSync(file))
        .map((file) => fs.readFileSync(file).toString('latin1'))
        .join('');
      expect(bytes).not.toContain(parsed.secret);
      expect(bytes).toContain(hashSecret(parsed.secret));
    } finally {
      await reader.close();
    }
  });

  it('defaults to no restrictions and lists what it created', async () => {
    const first = await service.create({ name: 'first' });
    expect(first.record).toMatchObject({ allowedModels: null, metadata: null, expiresAt: null });
    clock += 1;
    const second = await service.create({ name: 'second' });
    expect((await service.list()).map((record) => record.id)).toEqual([first.record.id, second.record.id]);
  });

  it('rejects an empty name, blank model names and a past expiry', async () => {
    await expect(service.create({ name: '  ' })).rejects.toMatchObject({ kind: 'invalid_request' });
    await expect(service.create({ name: 'x', allowedModels: ['fast', ' '] })).rejects.toMatchObject({
      kind: 'invalid_request',
    });
    await expect(service.create({ name: 'x', expiresAt: clock })).rejects.toMatchObject({
      kind: 'invalid_request',
    });
    expect(await store.keys.count()).toBe(0);
  });

  it('revokes by id, hint or full key, and revoking twice keeps the first time', async () => {
    const byId = await service.create({ name: 'a' });
    const byHint = await service.create({ name: 'b' });
    const byKey = await service.create({ name: 'c' });
    clock += 10;
    expect((await service.revoke(byId.record.id)).revokedAt).toBe(clock);
    expect((await service.revoke(byHint.record.keyHint)).revokedAt).toBe(clock);
    expect((await service.revoke(` ${byKey.key} `)).revokedAt).toBe(clock);
    const revokedAt = clock;
    clock += 10;
    const again = await service.revoke(byId.record.id);
    expect(again).toMatchObject({ revokedAt, updatedAt: revokedAt });
  });

  it('reports unknown keys as not_found and junk as invalid_request', async () => {
    await expect(service.revoke('AAAAAAAAAAAA')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(service.revoke('not a key')).rejects.toMatchObject({ kind: 'invalid_request' });
  });
});
