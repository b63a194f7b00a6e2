import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import { wibDay } from '../db/portable-sql.js';

/** One verified shop's month, for the spread of revenue (issue 20). */
export interface SpreadShopRow {
  shopId: number;
  code: string;
  name: string;
  kecamatanCode: string;
  kecamatanName: string;
  /** Sum of the commit entries on the shop's account for the period. */
  committed: number;
  /** Hold entries on the shop's account for the period: orders that reached the ledger. */
  orders: number;
  /** Channels on which one of the shop's contacts has a linked chat (empty: nobody can answer for it). */
  channels: string[];
}

/**
 * Every active (verified) shop with its month read from the ledger entries themselves, zeros included:
 * the spread is about the shops the money does not reach as much as those it does.
 */
export async function spreadShops(db: Db, period: string): Promise<SpreadShopRow[]> {
  const channelList =
    dialectOf(db as never) === 'postgres'
      ? sql`string_agg(distinct cl.channel, ',')`
      : sql`group_concat(distinct cl.channel)`;
  const r = await sql<{
    id: number;
    code: string;
    name: string;
    kec: string;
    kec_name: string;
    committed: number;
    orders: number;
    channels: string | null;
  }>`
    select s.id, s.code, s.name, k.code as kec, k.name as kec_name,
      coalesce((select sum(e.amount) from ledger_entries e where e.account = 'shop:' || s.id and e.period = ${period} and e.kind = 'commit'), 0) as committed,
      (select count(*) from ledger_entries e where e.account = 'shop:' || s.id and e.period = ${period} and e.kind = 'hold') as orders,
      (select ${channelList} from shop_contacts sc join chat_links cl on cl.phone = sc.phone where sc.shop_id = s.id) as channels
    from shops s
    join kelurahan kl on kl.code = s.kelurahan_code
    join kecamatan k on k.code = kl.kecamatan_code
    where s.status = 'active'
    order by s.id`.execute(db);
  return r.rows.map((x) => ({
    shopId: x.id,
    code: x.code,
    name: x.name,
    kecamatanCode: x.kec,
    kecamatanName: x.kec_name,
    committed: Number(x.committed),
    orders: Number(x.orders),
    channels: x.channels ? x.channels.split(',').sort() : [],
  }));
}

/** Commit entries of the period on shop accounts, summed per shop and per WIB day on which they were made. */
export async function dailyCommits(db: Db, period: string): Promise<{ shopId: number; day: string; amount: number }[]> {
  const r = await sql<{ account: string; day: string; amount: number }>`
    select account, ${wibDay(db, 'created_at')} as day, sum(amount) as amount
    from ledger_entries
    where period = ${period} and kind = 'commit' and account like 'shop:%'
    group by account, day`.execute(db);
  return r.rows.map((x) => ({ shopId: Number(x.account.slice(5)), day: x.day, amount: Number(x.amount) }));
}
