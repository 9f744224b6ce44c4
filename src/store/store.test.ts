import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations/index.js';
import type { RequestLogRow } from './request-log-repository.js';
import { openStore, type Store } from './store.js';
import { createWriteBehindQueue } from './write-behind.js';

let directory: string;
const opened: Store[] = [];

async function open(migrate?: boolean): Promise<Store> {
  const store = await openStore({ dataDir: path.join(directory, 'data'), migrate });
  opened.push(store);
  return store;
}

function logRow(index: number): RequestLogRow {
  return {
    id: `r${index}`,
    createdAt: 1_000 + index,
    keyId: null,
    shape: 'openai-chat',
    requestedModel: 'fast',
    routeTrace: null,
    teamId: null,
    feature: null,
    baselineCostMicros: null,
    provider: 'openai',
    servedModel: 'gpt-4.1-mini',
    status: 200,
    outcome: 'success',
    errorKind: null,
    errorMessage: null,
    stream: false,
    latencyMs: 12,
    ttftMs: null,
    inputTokens: 10,
    outputTokens: 20,
    cachedTokens: null,
    reasoningTokens: null,
    costMicros: 42,
    attempts: 1,
    fallbackUsed: false,
    routeReason: null,
    attemptsJson: null,
    endUser: null,
    metadata: null,
    usageEstimated: false,
  };
}

beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-store-'));
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('openStore', () => {
  it('creates <dataDir>/switchyard.db, migrated and answering ping', async () => {
    const store = await open();
    expect(fs.existsSync(path.join(directory, 'data', 'switchyard.db'))).toBe(true);
    expect(await store.ping()).toBe(true);
    expect(await store.keys.count()).toBe(0);
    expect(await store.migrate()).toEqual({ applied: [] });
  });

  it('can skip migrating on open', async () => {
    const store = await open(false);
    await expect(store.keys.count()).rejects.toMatchObject({ kind: 'internal' });
    expect(await store.migrate()).toEqual({ applied: migrations.map((migration) => migration.version) });
    expect(await store.keys.count()).toBe(0);
  });

  it('ping reports false after close, and close twice is fine', async () => {
    const store = await openStore({ dataDir: directory });
    await store.close();
    await store.close();
    expect(await store.ping()).toBe(false);
  });

  it('feeds the request log through a write-behind queue, visible to a second store', async () => {
    const gateway = await open();
    const reader = await open();
    const queue = createWriteBehindQueue<RequestLogRow>({
      write: (batch) => gateway.requestLog.appendMany(batch),
      maxBatch: 100,
      flushIntervalMs: 60_000,
      onError(error) {
        throw error;
      },
    });
    for (let index = 0; index < 250; index += 1) queue.enqueue(logRow(index));
    await queue.drain();
    expect(await reader.requestLog.count()).toBe(250);
    expect(await reader.requestLog.findById('r7')).toEqual(logRow(7));
  });
});
