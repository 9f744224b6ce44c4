/**
 * What the admin API needs from the prepaid-credits ledger. Credits belong to a customer's own end
 * users; an account is named by the tenant (the key's team id, or the key id for a key without a
 * team) and the end user id the caller sends in `user`.
 */
export interface CreditAccountRef {
  tenant: string;
  endUser: string;
}

/** Derived from ledger rows, never stored: `available` can be spent, `held` is reserved by requests in flight. */
export interface CreditBalance {
  tenant: string;
  endUser: string;
  availableMicros: number;
  heldMicros: number;
  /** Lifetime settled spend. */
  spentMicros: number;
}

export type LedgerKind = 'topup' | 'hold' | 'settle' | 'release' | 'refund' | 'adjust';

export interface LedgerRow {
  id: string;
  entryId: string;
  account: string;
  amountMicros: number;
  kind: LedgerKind;
  requestId: string | null;
  note: string | null;
  createdAt: number;
}

export interface CreditsAdmin {
  /** Adds credit (positive micros) or removes unspent credit (`adjust`, negative; never below zero). */
  topUp(account: CreditAccountRef, amountMicros: number, note: string | null): Promise<CreditBalance>;
  adjust(account: CreditAccountRef, amountMicros: number, note: string | null): Promise<CreditBalance>;
  balance(account: CreditAccountRef): Promise<CreditBalance>;
  /** Newest first; `before` is the id of the last row of the previous page. */
  ledger(account: CreditAccountRef, page: { limit: number; before?: string }): Promise<LedgerRow[]>;
}
