import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { wibDay } from '../db/portable-sql.js';

// The mayor's view reads the ledger's commit entries by the Jakarta day they were written on (UTC + 7 hours).
// Account keys sort as 'buyer:…' < 'buyer;' and 'shop:…' < 'shop;' (see report.repository.ts).

/** Committed revenue on shop accounts per WIB day ('YYYY-MM-DD') of the entry, for the period. */
export async function turnoverByDay(
  db: Db,
  period: string,
): Promise<Array<{ day: string; amount: number; orders: number }>> {
  const r = await sql<{ day: string; amount: number; orders: number }>`
    select ${wibDay(db, 'created_at')} as day, sum(amount) as amount, count(*) as orders
    from ledger_entries
    where period = ${period} and kind = 'commit' and account >= 'shop:' and account < 'shop;'
    group by day order by day`.execute(db);
  return r.rows.map((x) => ({ day: x.day, amount: Number(x.amount), orders: Number(x.orders) }));
}

/** Committed spending per buyer and WIB day, for the period: what the day-by-day compliance accumulates. */
export async function buyerCommitsByDay(
  db: Db,
  period: string,
): Promise<Array<{ buyerId: number; day: string; amount: number }>> {
  const r = await sql<{ account: string; day: string; amount: number }>`
    select account, ${wibDay(db, 'created_at')} as day, sum(amount) as amount
    from ledger_entries
    where period = ${period} and kind = 'commit' and account >= 'buyer:' and account < 'buyer;'
    group by account, day`.execute(db);
  return r.rows.map((x) => ({
    buyerId: Number(x.account.slice('buyer:'.length)),
    day: x.day,
    amount: Number(x.amount),
  }));
}
