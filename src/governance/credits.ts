import { GatewayError } from '../canon/errors.js';
import { createRequestId } from '../pipeline/request-id.js';
import type { CreditLedgerRepository } from '../store/credit-ledger-repository.js';
import type { CreditAccountRef, CreditBalance, CreditsAdmin, LedgerKind, LedgerRow } from './credits-api.js';
import type { LimitStore } from './limit-store.js';

/**
 * Prepaid end-user credits as a double-entry ledger. Each end user has three accounts: `avail`
 * (spendable), `held` (reserved by requests in flight) and `spent`; top-ups come from the tenant's
 * `funding` account. Every movement is one entry of rows summing to zero, so balances are derived
 * from the rows and can be checked. The request path only touches the limit store (memory or Redis);
 * ledger rows are written behind it.
 */
export const creditAccounts = {
  available: (ref: CreditAccountRef) => `avail:${ref.tenant}:${ref.endUser}`,
  held: (ref: CreditAccountRef) => `held:${ref.tenant}:${ref.endUser}`,
  spent: (ref: CreditAccountRef) => `spent:${ref.tenant}:${ref.endUser}`,
  funding: (ref: CreditAccountRef) => `funding:${ref.tenant}`,
};

export interface CreditLedgerOptions {
  limits: LimitStore;
  repository: CreditLedgerRepository;
  /** Appends rows off the request path (the write-behind queue). */
  enqueue: (rows: LedgerRow[]) => void;
  now?: () => number;
}

export class CreditLedger implements CreditsAdmin {
  private readonly spent = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: CreditLedgerOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Rebuilds balances from the ledger at start-up. Holds left open by a process that died mid-request
   * are released back to the user (their requests cannot settle any more); a ledger whose entries do
   * not balance is refused, because every balance derived from it would be wrong.
   */
  async load(): Promise<{ accounts: number; releasedHolds: number }> {
    const unbalanced = await this.options.repository.unbalancedEntries();
    if (unbalanced.length > 0) {
      throw new GatewayError(
        'internal',
        `credit ledger: ${unbalanced.length} entries do not sum to zero (first: ${unbalanced[0]})`,
      );
    }
    const balances = await this.options.repository.balances();
    const recovery: LedgerRow[] = [];
    let accounts = 0;
    for (const [account, amount] of balances) {
      const [kind, tenant, ...rest] = account.split(':');
      if (tenant === undefined || rest.length === 0) continue;
      const ref = { tenant, endUser: rest.join(':') };
      if (kind === 'avail') {
        accounts += 1;
        await this.options.limits.addCredit(account, amount);
      } else if (kind === 'spent') {
        this.spent.set(account, amount);
      } else if (kind === 'held' && amount !== 0) {
        recovery.push(
          ...this.entry(
            'release',
            null,
            'released at start-up: request did not finish',
            creditAccounts.held(ref),
            creditAccounts.available(ref),
            amount,
          ),
        );
        await this.options.limits.addCredit(creditAccounts.available(ref), amount);
      }
    }
    if (recovery.length > 0) await this.options.repository.appendMany(recovery);
    return { accounts, releasedHolds: recovery.length / 2 };
  }

  /** Records a hold the limit store has just granted. */
  recordHold(ref: CreditAccountRef, amount: number, requestId: string): void {
    if (amount <= 0) return;
    this.options.enqueue(
      this.entry('hold', requestId, null, creditAccounts.available(ref), creditAccounts.held(ref), amount),
    );
  }

  /**
   * Records how a hold ended: `charged` moves to spent (from the hold first, then from the available
   * balance for a request charged after the call), and what is left of the hold returns, as a refund
   * or a release.
   */
  recordFinish(
    ref: CreditAccountRef,
    held: number,
    charged: number,
    requestId: string,
    refund: boolean,
  ): void {
    const rows: LedgerRow[] = [];
    const total = Math.max(0, charged);
    const fromHold = Math.min(total, Math.max(0, held));
    const fromAvailable = total - fromHold;
    if (fromHold > 0) {
      rows.push(
        ...this.entry(
          'settle',
          requestId,
          null,
          creditAccounts.held(ref),
          creditAccounts.spent(ref),
          fromHold,
        ),
      );
    }
    if (fromAvailable > 0) {
      rows.push(
        ...this.entry(
          'settle',
          requestId,
          'charged after the call',
          creditAccounts.available(ref),
          creditAccounts.spent(ref),
          fromAvailable,
        ),
      );
    }
    if (total > 0) {
      const account = creditAccounts.spent(ref);
      this.spent.set(account, (this.spent.get(account) ?? 0) + total);
    }
    const back = Math.max(0, held) - fromHold;
    if (back > 0) {
      rows.push(
        ...this.entry(
          refund ? 'refund' : 'release',
          requestId,
          null,
          creditAccounts.held(ref),
          creditAccounts.available(ref),
          back,
        ),
      );
    }
    if (rows.length > 0) this.options.enqueue(rows);
  }

  async topUp(ref: CreditAccountRef, amountMicros: number, note: string | null): Promise<CreditBalance> {
    if (!Number.isSafeInteger(amountMicros) || amountMicros <= 0) {
      throw new GatewayError('invalid_request', 'a top-up must be a positive amount', { param: 'usd' });
    }
    return this.move('topup', ref, amountMicros, note);
  }

  async adjust(ref: CreditAccountRef, amountMicros: number, note: string | null): Promise<CreditBalance> {
    if (!Number.isSafeInteger(amountMicros) || amountMicros === 0) {
      throw new GatewayError('invalid_request', 'an adjustment must be a non-zero amount', { param: 'usd' });
    }
    const { available } = await this.options.limits.creditBalance(creditAccounts.available(ref));
    if (available + amountMicros < 0) {
      throw new GatewayError(
        'invalid_request',
        'an adjustment may not take the available balance below zero',
        {
          param: 'usd',
        },
      );
    }
    return this.move('adjust', ref, amountMicros, note);
  }

  async balance(ref: CreditAccountRef): Promise<CreditBalance> {
    const { available, held } = await this.options.limits.creditBalance(creditAccounts.available(ref));
    return {
      tenant: ref.tenant,
      endUser: ref.endUser,
      availableMicros: available,
      heldMicros: held,
      spentMicros: this.spent.get(creditAccounts.spent(ref)) ?? 0,
    };
  }

  ledger(ref: CreditAccountRef, page: { limit: number; before?: string }): Promise<LedgerRow[]> {
    const accounts = [creditAccounts.available(ref), creditAccounts.held(ref), creditAccounts.spent(ref)];
    return this.options.repository.listByAccounts(accounts, page.limit, page.before);
  }

  /** Admin movements are written before they take effect, so an acknowledged top-up is durable. */
  private async move(kind: LedgerKind, ref: CreditAccountRef, amount: number, note: string | null) {
    await this.options.repository.appendMany(
      this.entry(kind, null, note, creditAccounts.funding(ref), creditAccounts.available(ref), amount),
    );
    await this.options.limits.addCredit(creditAccounts.available(ref), amount);
    return this.balance(ref);
  }

  /** One movement: `amount` leaves `from` and arrives in `to` (two rows that sum to zero). */
  private entry(
    kind: LedgerKind,
    requestId: string | null,
    note: string | null,
    from: string,
    to: string,
    amount: number,
  ): [LedgerRow, LedgerRow] {
    const createdAt = this.now();
    const entryId = createRequestId(createdAt);
    const row = (account: string, amountMicros: number): LedgerRow => ({
      id: createRequestId(createdAt),
      entryId,
      account,
      amountMicros,
      kind,
      requestId,
      note,
      createdAt,
    });
    return [row(from, -amount), row(to, amount)];
  }
}
