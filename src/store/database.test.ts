import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SqliteDatabase } from './database.js';
import { createKeysRepository, type KeyRecord } from './keys-repository.js';
import { migrate } from './migrate.js';

let directory: string;
const opened: SqliteDatabase[] = [];

function open(file: string): SqliteDatabase {
  const database = openSqliteDatabase(file);
  opened.push(database);
  return database;
}

function key(id: string, at: number): KeyRecord {
  return {
    id,
    name: id,
    secretHash: 'ab'.repeat(32),
    keyHint: `sy_${id}_…abcd`,
    allowedModels: null,
    metadata: null,
    createdAt: at,
    updatedAt: at,
    expiresAt: null,
    revokedAt: null,
    teamId: null,
    planId: null,
    policy: null,
    replacedBy: null,
  };
}

beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-database-'));
});

afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('openSqliteDatabase', () => {
  it('creates missing parent directories and applies the pragmas', () => {
    const file = path.join(directory, 'a', 'b', 'gateway.db');
    const database = open(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(database.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    // NORMAL = 1
    expect(database.raw.pragma('synchronous', { simple: true })).toBe(1);
    expect(database.raw.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('lets two connections on one file see each other’s writes', async () => {
    const file = path.join(directory, 'shared.db');
    const first = open(file);
    const second = open(file);
    await migrate(first.db);
    const firstKeys = createKeysRepository(first.db);
    const secondKeys = createKeysRepository(second.db);
    await firstKeys.insert(key('aaaaaaaaaaaa', 1));
    expect((await secondKeys.findById('aaaaaaaaaaaa'))?.name).toBe('aaaaaaaaaaaa');
    await secondKeys.insert(key('bbbbbbbbbbbb', 2));
    expect(await firstKeys.count()).toBe(2);
    expect(await secondKeys.revoke('aaaaaaaaaaaa', 3)).toBe(true);
    expect((await firstKeys.findById('aaaaaaaaaaaa'))?.revokedAt).toBe(3);
  });

  it('close is idempotent and really closes the handle', async () => {
    const database = openSqliteDatabase(path.join(directory, 'closing.db'));
    await database.close();
    await database.close();
    expect(database.raw.open).toBe(false);
  });
});
