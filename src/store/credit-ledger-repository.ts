import type { Kysely } from 'kysely';
import type { LedgerKind, LedgerRow } from '../governance/credits-api.js';
import type { DatabaseSchema } from './schema.js';
import { runStoreOperation } from './store-error.js';

export type { LedgerRow };

/** Reads and appends `credit_ledger`. Appends are batched off the request path. */
export interface CreditLedgerRepository {
  /** Inserts all rows in one transaction; a row id already stored is skipped (retried batches). */
  appendMany(rows: readonly LedgerRow[]): Promise<void>;
  /** Newest first; `before` is the id of the last row of the previous page. */
  listByAccounts(accounts: readonly string[], limit: number, before?: string): Promise<LedgerRow[]>;
  /** Every account's balance (sum of its rows). */
  balances(): Promise<Map<string, number>>;
  /** Entries whose rows do not sum to zero (a broken double-entry invariant); empty when healthy. */
  unbalancedEntries(): Promise<string[]>;
}

export function createCreditLedgerRepository(db: Kysely<DatabaseSchema>): CreditLedgerRepository {
  return {
    appendMany(rows) {
      return runStoreOperation('append credit ledger', async () => {
        if (rows.length === 0) return;
        await db.transaction().execute(async (transaction) => {
          for (let start = 0; start < rows.length; start += 500) {
            await transaction
              .insertInto('credit_ledger')
              .values(rows.slice(start, start + 500).map(toColumns))
              .onConflict((conflict) => conflict.column('id').doNothing())
              .execute();
          }
        });
      });
    },
    listByAccounts(accounts, limit, before) {
      return runStoreOperation('list credit ledger', async () => {
        let query = db
          .selectFrom('credit_ledger')
          .selectAll()
          .where('account', 'in', [...accounts]);
        // Ids are UUIDv7: time-ordered, so "before this id" is "older than this row".
        if (before !== undefined) query = query.where('id', '<', before);
        const rows = await query.orderBy('id', 'desc').limit(limit).execute();
        return rows.map((row) => ({
          id: row.id,
          entryId: row.entry_id,
          account: row.account,
          amountMicros: Number(row.amount_micros),
          kind: row.kind as LedgerKind,
          requestId: row.request_id,
          note: row.note,
          createdAt: Number(row.created_at),
        }));
      });
    },
    balances() {
      return runStoreOperation('sum credit ledger', async () => {
        const rows = await db
          .selectFrom('credit_ledger')
          .select((builder) => ['account', builder.fn.sum<string | number>('amount_micros').as('total')])
          .groupBy('account')
          .execute();
        return new Map(rows.map((row) => [row.account, Number(row.total)]));
      });
    },
    unbalancedEntries() {
      return runStoreOperation('check credit ledger', async () => {
        const rows = await db
          .selectFrom('credit_ledger')
          .select((builder) => ['entry_id', builder.fn.sum<string | number>('amount_micros').as('total')])
          .groupBy('entry_id')
          .execute();
        return rows.filter((row) => Number(row.total) !== 0).map((row) => row.entry_id);
      });
    },
  };
}

function toColumns(row: LedgerRow) {
  return {
    id: row.id,
    entry_id: row.entryId,
    account: row.account,
    amount_micros: row.amountMicros,
    kind: row.kind,
    request_id: row.requestId,
    note: row.note,
    created_at: row.createdAt,
  };
}
