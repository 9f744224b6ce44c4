import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SqliteDatabase } from './database.js';
import { createKeysRepository, type KeyRecord, type KeysRepository } from './keys-repository.js';
import { migrate } from './migrate.js';

let directory: string;
let database: SqliteDatabase;
let keys: KeysRepository;

function key(id: string, overrides: Partial<KeyRecord> = {}): KeyRecord {
  return {
    id,
    name: `key ${id}`,
    secretHash: 'cd'.repeat(32),
    keyHint: `sy_${id}_…wxyz`,
    allowedModels: null,
    metadata: null,
    createdAt: 1_000,
    updatedAt: 1_000,
    expiresAt: null,
    revokedAt: null,
    teamId: null,
    planId: null,
    policy: null,
    replacedBy: null,
    ...overrides,
  };
}

beforeEach(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-keys-'));
  database = openSqliteDatabase(path.join(directory, 'keys.db'));
  await migrate(database.db);
  keys = createKeysRepository(database.db);
});

afterEach(async () => {
  await database.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('keys repository', () => {
  it('round-trips every field, JSON columns included', async () => {
    const record = key('abcdefghijkl', {
      allowedModels: ['openai/*', 'fast'],
      metadata: { team: 'search', owner: 'ana' },
      expiresAt: 9_000_000_000_000,
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_001,
    });
    await keys.insert(record);
    expect(await keys.findById('abcdefghijkl')).toEqual(record);
    const row = database.raw.prepare('select allowed_models, metadata from virtual_keys').get();
    expect(row).toEqual({
      allowed_models: '["openai/*","fast"]',
      metadata: '{"team":"search","owner":"ana"}',
    });
  });

  it('keeps null lists and metadata as null (not empty)', async () => {
    await keys.insert(key('nullsnullsnu'));
    const found = await keys.findById('nullsnullsnu');
    expect(found?.allowedModels).toBeNull();
    expect(found?.metadata).toBeNull();
    expect(found?.expiresAt).toBeNull();
  });

  it('returns undefined for an unknown id and rejects a duplicate id as a GatewayError', async () => {
    expect(await keys.findById('missingmissi')).toBeUndefined();
    await keys.insert(key('duplicatedid'));
    await expect(keys.insert(key('duplicatedid'))).rejects.toMatchObject({
      name: 'GatewayError',
      kind: 'internal',
    });
  });

  it('lists oldest first and counts', async () => {
    await keys.insert(key('secondsecond', { createdAt: 2_000, updatedAt: 2_000 }));
    await keys.insert(key('firstfirstfi', { createdAt: 1_000, updatedAt: 1_000 }));
    expect((await keys.list()).map((record) => record.id)).toEqual(['firstfirstfi', 'secondsecond']);
    expect(await keys.count()).toBe(2);
  });

  it('revokes once, bumping updatedAt; a second revoke or unknown id reports false', async () => {
    await keys.insert(key('revokemenoww'));
    expect(await keys.revoke('revokemenoww', 5_000)).toBe(true);
    expect(await keys.findById('revokemenoww')).toMatchObject({ revokedAt: 5_000, updatedAt: 5_000 });
    expect(await keys.revoke('revokemenoww', 6_000)).toBe(false);
    expect((await keys.findById('revokemenoww'))?.revokedAt).toBe(5_000);
    expect(await keys.revoke('nosuchkeyyyy', 6_000)).toBe(false);
  });

  it('changedSince returns keys updated at or after the time, oldest change first', async () => {
    await keys.insert(key('oldoldoldold', { updatedAt: 1_000 }));
    await keys.insert(key('edgeedgeedge', { updatedAt: 2_000 }));
    await keys.insert(key('newnewnewnew', { updatedAt: 3_000 }));
    expect((await keys.changedSince(2_000)).map((record) => record.id)).toEqual([
      'edgeedgeedge',
      'newnewnewnew',
    ]);
    await keys.revoke('oldoldoldold', 4_000);
    expect((await keys.changedSince(3_001)).map((record) => record.id)).toEqual(['oldoldoldold']);
    expect(await keys.changedSince(4_001)).toEqual([]);
  });

  it('fails loudly on corrupt JSON instead of widening access', async () => {
    await keys.insert(key('corruptcorru', { allowedModels: ['a'] }));
    database.raw.prepare("update virtual_keys set allowed_models = '{oops'").run();
    await expect(keys.findById('corruptcorru')).rejects.toMatchObject({ kind: 'internal' });
  });
});
