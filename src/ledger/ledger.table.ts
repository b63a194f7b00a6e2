import type { Generated } from 'kysely';

export type EntryKind = 'hold' | 'commit' | 'release';

export interface LedgerEntryTable {
  id: Generated<number>;
  order_id: string;
  /** `shop:<id>` or `buyer:<id>`. */
  account: string;
  period: string;
  kind: EntryKind;
  amount: number;
  created_at: string;
}

export interface LedgerBalanceTable {
  account: string;
  period: string;
  held: Generated<number>;
  committed: Generated<number>;
}
