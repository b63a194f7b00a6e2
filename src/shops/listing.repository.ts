import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/database.js';
import type { AreaPolicy } from '../areas/area-policy.js';
import { kecamatanOf } from '../areas/area-policy.js';
import type { ChannelName } from '../chat/ports.js';

export interface ListingFilter {
  policy: AreaPolicy;
  home: string;
  period: string;
  defaultCap: number;
  /** Orders that expired unanswered since this time count against a shop's place in the listing. */
  unansweredSince?: string;
  /** Now (ISO): a shop closed by its owner at this instant is listed last, with its opening time, and takes no order. */
  now?: string;
  /**
   * Someone must be able to answer for a listed shop: one of its contacts has a linked chat on one of these
   * channels (the ones some process runs), or on any channel when null (nobody can tell which run). Left
   * out (undefined) only by callers that list for admins, never for buyers.
   */
  reachableOn?: readonly ChannelName[] | null;
}

/**
 * A shop that let this many orders expire unanswered lately goes after the shops that answer. Least-earning
 * first would otherwise keep a shop that never answers (and so never earns) at the top, and every buyer
 * who picks it waits two hours for nothing. It stays listed: one good week puts it back.
 */
export const UNANSWERED_LIMIT = 3;

/**
 * The listing's reachability rule: one of the shop's contacts has a linked chat on one of `on` (the channels
 * some process runs), or on any channel when `on` is null (nobody can tell which run). No channel at all:
 * nobody could hear of an order. The buyers' listing and the admins' list of shops to invite both use it.
 */
export function someoneAnswers(on: readonly ChannelName[] | null): RawBuilder<SqlBool> {
  if (on !== null && on.length === 0) return sql<SqlBool>`1 = 0`;
  const channel = on === null ? sql`` : sql`and cl.channel in (${sql.join(on)})`;
  // One lookup per shop through the (shop_id, phone) and (phone, linked_at) indexes; no Redis here.
  return sql<SqlBool>`exists (select 1 from shop_contacts sc join chat_links cl on cl.phone = sc.phone where sc.shop_id = shops.id ${channel})`;
}

/**
 * Shops a buyer may order from: active, open, in the area, with room under the cap this month. `used` is
 * held + committed on the shop's account for the period.
 */
function orderable(db: Db, f: ListingFilter) {
  const used = sql<number>`coalesce(lb.held + lb.committed, 0)`;
  let q = db
    .selectFrom('shops')
    .leftJoin('kelurahan', 'kelurahan.code', 'shops.kelurahan_code')
    // Joined on the balance's whole primary key, so that each shop is one index lookup. (A subquery of the
    // period's balances was built for every listing: every buyer's row too, half a millisecond a screen.)
    .leftJoin('ledger_balances as lb', (join) =>
      join.on('lb.account', '=', sql<string>`'shop:' || shops.id`).on('lb.period', '=', f.period),
    )
    .where('shops.status', '=', 'active')
    .where(used, '<', sql<number>`coalesce(shops.cap_override, ${f.defaultCap})`);
  if (f.reachableOn !== undefined) {
    const on = f.reachableOn;
    q = q.where(someoneAnswers(on));
  }
  if (f.policy === 'kelurahan') q = q.where('shops.kelurahan_code', '=', f.home);
  if (f.policy === 'kecamatan') {
    // A range on the code rather than LIKE 'xx.%', which SQLite cannot answer from the index (LIKE ignores
    // case, the index does not): '/' is the character after '.'.
    const kecamatan = kecamatanOf(f.home);
    q = q.where('shops.kelurahan_code', '>', `${kecamatan}.`).where('shops.kelurahan_code', '<', `${kecamatan}/`);
  }
  // Issue 14: closed by its owner ("tutup", or a closure such as "libur tanggal 17" running now).
  const now = f.now ?? new Date(0).toISOString();
  // 1 or 0 on both databases (a comparison is a boolean on PostgreSQL, which coalesce cannot mix with 0).
  const closed = sql<number>`(case when shops.is_open = 0 or (shops.closed_from <= ${now} and shops.closed_until > ${now}) then 1 else 0 end)`;
  return { q, used, closed };
}

/**
 * Every shop of the buyer's area that is listed, with what the listing policy ranks by (listing-policy.ts):
 * the month's use against the cap, whether it is closed now, and whether it let orders expire unanswered.
 * Unordered and unpaged: the policy orders, the service pages.
 */
export async function listCandidates(db: Db, f: ListingFilter) {
  const { q, used, closed } = orderable(db, f);
  // Counts no further than the limit: a shop that stopped answering long ago has hundreds of expired orders.
  const unanswered = sql<number>`(case when (select count(*) from (select 1 from orders o where o.shop_id = shops.id and o.status = 'expired' and o.closed_at >= ${f.unansweredSince ?? ''} limit ${UNANSWERED_LIMIT}) expired) >= ${UNANSWERED_LIMIT} then 1 else 0 end)`;
  return q
    .select([
      'shops.id',
      'shops.name',
      'shops.kind',
      'shops.kelurahan_code',
      'kelurahan.name as kelurahan_name',
      used.as('used'),
    ])
    .select(sql<number>`coalesce(shops.cap_override, ${f.defaultCap})`.as('cap'))
    .select([
      'shops.is_open',
      'shops.opens_at',
      'shops.closes_at',
      'shops.closed_from',
      'shops.closed_until',
      closed.as('closed'),
      unanswered.as('unanswered'),
    ])
    .execute();
}

export async function countOrderableShops(db: Db, f: ListingFilter): Promise<number> {
  const { q } = orderable(db, f);
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function isOrderableShop(db: Db, f: ListingFilter, shopId: number): Promise<boolean> {
  const { q, closed } = orderable(db, f);
  return (
    (await q.select('shops.id').where('shops.id', '=', shopId).where(closed, '=', 0).executeTakeFirst()) !== undefined
  );
}
