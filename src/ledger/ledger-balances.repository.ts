import type { Db } from '../db/database.js';

/** Whose balances a listing reads: a shop's or a buyer's accounts. */
export type AccountKind = 'shop' | 'buyer';

/**
 * One page of a month's balances of one kind of account, in account order. Account keys are `shop:<id>` and
 * `buyer:<id>` (ledger.repository.ts), so the kind is the key range [`<kind>:`, `<kind>;`).
 */
export async function listBalances(db: Db, p: { kind: AccountKind; period: string; limit: number; offset: number }) {
  return db
    .selectFrom('ledger_balances')
    .select(['account', 'period', 'held', 'committed'])
    .where('period', '=', p.period)
    .where('account', '>=', `${p.kind}:`)
    .where('account', '<', `${p.kind};`)
    .orderBy('account')
    .limit(p.limit)
    .offset(p.offset)
    .execute();
}
