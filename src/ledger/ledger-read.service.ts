import type { Db } from '../db/database.js';
import { listBalances, type AccountKind } from './ledger-balances.repository.js';
import { buyerAccount, shopAccount, type Balance } from './ledger.repository.js';
import { ledger, type VerifyReport } from './ledger.service.js';

/** The ledger as the admin side reads it: balances by account and the check behind `peken ledger verify`. */
export interface LedgerReadService {
  /** One account's balance in a month, with its account key. */
  balanceOf(kind: AccountKind, id: number, period: string): Promise<Balance & { account: string; period: string }>;
  /** One page of a month's balances of shops or of buyers, in account order. */
  balances(
    kind: AccountKind,
    period: string,
    page: { limit: number; offset: number },
  ): Promise<Array<{ account: string; period: string; held: number; committed: number }>>;
  shopBalance(shopId: number, period: string): Promise<Balance>;
  verify(): Promise<VerifyReport>;
}

export function createLedgerReadService(deps: { db: Db }): LedgerReadService {
  const { db } = deps;
  return {
    async balanceOf(kind, id, period) {
      const account = kind === 'shop' ? shopAccount(id) : buyerAccount(id);
      const b = kind === 'shop' ? await ledger.shopBalance(db, id, period) : await ledger.buyerBalance(db, id, period);
      return { account, period, ...b };
    },
    balances: (kind, period, page) => listBalances(db, { kind, period, ...page }),
    shopBalance: (shopId, period) => ledger.shopBalance(db, shopId, period),
    verify: () => ledger.verify(db),
  };
}
