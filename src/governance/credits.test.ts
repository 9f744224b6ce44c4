import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../canon/errors.js';
import { openStore, type Store } from '../store/store.js';
import { CreditLedger, creditAccounts } from './credits.js';
import type { LedgerRow } from './credits-api.js';
import { MemoryLimitStore } from './memory-limit-store.js';

let directory: string;
let store: Store;
let queued: LedgerRow[];

const alice = { tenant: 'team1', endUser: 'alice' };

function ledger(limits = new MemoryLimitStore()) {
  return new CreditLedger({
    limits,
    repository: store.creditLedger,
    enqueue: (rows) => queued.push(...rows),
    now: () => 1_800_000_000_000,
  });
}

/** Writes the queued request-path rows, as the write-behind queue would. */
async function flush() {
  await store.creditLedger.appendMany(queued.splice(0));
}

async function allRows(): Promise<LedgerRow[]> {
  const accounts = [
    creditAccounts.available(alice),
    creditAccounts.held(alice),
    creditAccounts.spent(alice),
    creditAccounts.funding(alice),
  ];
  return store.creditLedger.listByAccounts(accounts, 1_000);
}

async function refusal(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

beforeEach(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-credits-'));
  store = await openStore({ dataDir: directory });
  queued = [];
});

afterEach(async () => {
  await store.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('CreditLedger admin movements', () => {
  it('a top-up is written as one balanced entry from the funding account, then spendable', async () => {
    const credits = ledger();
    expect(await credits.topUp(alice, 5_000_000, 'invoice 7')).toEqual({
      tenant: 'team1',
      endUser: 'alice',
      availableMicros: 5_000_000,
      heldMicros: 0,
      spentMicros: 0,
    });
    const rows = await allRows();
    expect(rows.map((row) => [row.account, row.amountMicros, row.kind, row.note]).sort()).toEqual([
      ['avail:team1:alice', 5_000_000, 'topup', 'invoice 7'],
      ['funding:team1', -5_000_000, 'topup', 'invoice 7'],
    ]);
    expect(new Set(rows.map((row) => row.entryId)).size).toBe(1);
    expect(await store.creditLedger.unbalancedEntries()).toEqual([]);
  });

  it.each([0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])(
    'refuses a top-up of %d and writes nothing',
    async (amount) => {
      const error = await refusal(ledger().topUp(alice, amount, null));
      expect(error.kind).toBe('invalid_request');
      expect(error.details.param).toBe('usd');
      expect(await allRows()).toEqual([]);
    },
  );

  it('adjusts either way, but never below zero', async () => {
    const credits = ledger();
    await credits.topUp(alice, 5_000_000, null);
    expect((await refusal(credits.adjust(alice, 0, null))).kind).toBe('invalid_request');
    const below = await refusal(credits.adjust(alice, -5_000_001, 'too much'));
    expect(below.message).toMatch(/below zero/);
    expect((await credits.adjust(alice, -2_000_000, 'refund to card')).availableMicros).toBe(3_000_000);
    expect((await credits.adjust(alice, 500_000, 'goodwill')).availableMicros).toBe(3_500_000);
    expect((await credits.adjust(alice, -3_500_000, 'close account')).availableMicros).toBe(0);
    expect(await store.creditLedger.unbalancedEntries()).toEqual([]);
    expect((await allRows()).filter((row) => row.kind === 'adjust')).toHaveLength(6);
  });

  it('an adjustment counts only the available balance, not what requests hold', async () => {
    const limits = new MemoryLimitStore();
    const credits = ledger(limits);
    await credits.topUp(alice, 1_000, null);
    limits.acquireNow([{ kind: 'credits', key: creditAccounts.available(alice), amount: 600 }], 0);
    expect((await refusal(credits.adjust(alice, -401, null))).kind).toBe('invalid_request');
    expect((await credits.adjust(alice, -400, null)).availableMicros).toBe(0);
  });
});

describe('CreditLedger request path', () => {
  it('hold then settle: charged goes to spent, the rest returns, every entry balances', async () => {
    const credits = ledger();
    await credits.topUp(alice, 10_000, null);
    credits.recordHold(alice, 3_000, 'req-1');
    credits.recordFinish(alice, 3_000, 1_200, 'req-1', false);
    await flush();
    expect(await store.creditLedger.unbalancedEntries()).toEqual([]);
    const balances = await store.creditLedger.balances();
    expect(balances.get('avail:team1:alice')).toBe(8_800);
    expect(balances.get('held:team1:alice')).toBe(0);
    expect(balances.get('spent:team1:alice')).toBe(1_200);
    const kinds = (await allRows()).filter((row) => row.requestId === 'req-1').map((row) => row.kind);
    expect(kinds.sort()).toEqual(['hold', 'hold', 'release', 'release', 'settle', 'settle']);
    expect((await credits.balance(alice)).spentMicros).toBe(1_200);
  });

  it('a refunded request returns the whole hold as a refund', async () => {
    const credits = ledger();
    credits.recordHold(alice, 3_000, 'req-2');
    credits.recordFinish(alice, 3_000, 0, 'req-2', true);
    expect(queued.map((row) => [row.kind, row.account, row.amountMicros])).toEqual([
      ['hold', 'avail:team1:alice', -3_000],
      ['hold', 'held:team1:alice', 3_000],
      ['refund', 'held:team1:alice', -3_000],
      ['refund', 'avail:team1:alice', 3_000],
    ]);
  });

  it('charges what exceeds the hold from the available balance, and writes nothing for a zero hold', async () => {
    const credits = ledger();
    credits.recordHold(alice, 0, 'free');
    credits.recordFinish(alice, 0, 0, 'free', false);
    expect(queued).toEqual([]);
    credits.recordHold(alice, 500, 'req-3');
    credits.recordFinish(alice, 500, 900, 'req-3', false);
    await flush();
    const balances = await store.creditLedger.balances();
    // The governor caps a chat charge at its hold; only requests charged after the call (nothing
    // held) exceed it. Either way the excess comes out of the available balance, as its own entry.
    expect(balances.get('spent:team1:alice')).toBe(900);
    expect(balances.get('avail:team1:alice')).toBe(-900);
    expect(balances.get('held:team1:alice')).toBe(0);
    expect(await store.creditLedger.unbalancedEntries()).toEqual([]);
  });
});

describe('CreditLedger.load', () => {
  it('rebuilds balances and releases holds left open by a process that stopped', async () => {
    const before = ledger();
    await before.topUp(alice, 10_000, null);
    before.recordHold(alice, 3_000, 'finished');
    before.recordFinish(alice, 3_000, 1_000, 'finished', false);
    before.recordHold(alice, 2_500, 'interrupted');
    await flush();

    const limits = new MemoryLimitStore();
    const after = ledger(limits);
    expect(await after.load()).toEqual({ accounts: 1, releasedHolds: 1 });
    expect(await after.balance(alice)).toEqual({
      tenant: 'team1',
      endUser: 'alice',
      availableMicros: 9_000,
      heldMicros: 0,
      spentMicros: 1_000,
    });
    expect(await store.creditLedger.unbalancedEntries()).toEqual([]);
    const balances = await store.creditLedger.balances();
    expect(balances.get('held:team1:alice')).toBe(0);
    expect(balances.get('avail:team1:alice')).toBe(9_000);
    const release = (await allRows()).filter((row) => row.kind === 'release' && row.requestId === null);
    expect(release.map((row) => row.amountMicros).sort((a, b) => a - b)).toEqual([-2_500, 2_500]);

    // A second start finds nothing left to release.
    expect(await ledger().load()).toEqual({ accounts: 1, releasedHolds: 0 });
  });

  it('refuses a ledger whose entries do not sum to zero', async () => {
    await ledger().topUp(alice, 1_000, null);
    await store.creditLedger.appendMany([
      {
        id: '0190a000-0000-7000-8000-000000000001',
        entryId: 'broken-entry',
        account: 'avail:team1:alice',
        amountMicros: 50,
        kind: 'adjust',
        requestId: null,
        note: null,
        createdAt: 1,
      },
    ]);
    const limits = new MemoryLimitStore();
    const error = await refusal(ledger(limits).load());
    expect(error.kind).toBe('internal');
    expect(error.message).toContain('broken-entry');
    // Nothing was loaded from the broken ledger.
    expect(await limits.creditBalance('avail:team1:alice')).toEqual({ available: 0, held: 0 });
  });
});
