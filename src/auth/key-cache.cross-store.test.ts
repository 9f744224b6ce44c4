import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../store/store.js';
import { createKeyCache, type KeyCache } from './key-cache.js';
import { createKeyService } from './key-service.js';

// The gateway's cache reads through one Store; the "CLI" writes through a second Store on the same
// file: a separate SQLite connection, as another process would have.
let directory: string;
let gatewayStore: Store;
let cliStore: Store;
let cache: KeyCache;

beforeEach(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-cross-store-'));
  gatewayStore = await openStore({ dataDir: directory });
  cliStore = await openStore({ dataDir: directory });
  cache = createKeyCache({ repository: gatewayStore.keys, onError: vi.fn() });
  await cache.start();
});

afterEach(async () => {
  cache.stop();
  await gatewayStore.close();
  await cliStore.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('key cache across connections (default 250 ms poll)', () => {
  it('accepts a key created through another connection within 1 s', async () => {
    const cli = createKeyService(cliStore.keys);
    const { key, record } = await cli.create({ name: 'made by the CLI' });
    expect(() => cache.verify(key)).toThrow(/unknown/);
    await vi.waitFor(() => expect(cache.verify(key).keyId).toBe(record.id), { timeout: 1000, interval: 10 });
  });

  it('refuses a key revoked through another connection within 1 s', async () => {
    const cli = createKeyService(cliStore.keys);
    const { key } = await cli.create({ name: 'soon revoked' });
    await vi.waitFor(() => cache.verify(key), { timeout: 1000, interval: 10 });
    await cli.revoke(key);
    const revokedAt = Date.now();
    await vi.waitFor(() => expect(() => cache.verify(key)).toThrow(/^revoked API key/), {
      timeout: 1000,
      interval: 10,
    });
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  it('sees a revocation stamped earlier than the newest change it has seen (clock overlap)', async () => {
    const cli = createKeyService(cliStore.keys);
    const { key, record } = await cli.create({ name: 'older' });
    await cli.create({ name: 'newer' });
    await cache.refresh();
    // Another writer's clock is 1.5 s behind: its revocation carries an older updatedAt.
    await cliStore.keys.revoke(record.id, record.updatedAt - 1500);
    await vi.waitFor(() => expect(() => cache.verify(key)).toThrow(/revoked/), {
      timeout: 1000,
      interval: 10,
    });
  });
});
