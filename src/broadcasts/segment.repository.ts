import { sql } from 'kysely';
import { kecamatanOf, type AreaPolicy } from '../areas/area-policy.js';
import type { Db } from '../db/database.js';
import { quotaRulesIn } from '../people/quota-rule.repository.js';
import { buyerCompliance, shopCaps } from '../reports/report.repository.js';
import { NEAR_CAP } from '../reports/report.service.js';
import type { Segment } from './segment.js';
import type { RecipientVars } from './template.js';

/** One person a segment selects, with the figures their message may show (days_left is added later). */
export interface Candidate {
  phone: string;
  vars: Omit<RecipientVars, 'days_left'>;
}

interface AsnRow {
  id: number;
  name: string;
  phone: string;
  /** The kelurahan that counts for the area policy: the domicile, or the office. */
  home: string;
  quota: number;
  committed: number;
}
interface ShopRow {
  id: number;
  shop: string;
  name: string;
  phone: string;
  cap: number;
  committed: number;
  orders: number;
}

// Active ASN with their quota and committed spending in the period. Kecamatan = that of the kelurahan that
// counts for the area policy: the domicile, or the office for those living outside the city.
async function asnRows(db: Db, period: string, f: { agencyId?: number; kecamatan?: string }): Promise<AsnRow[]> {
  const agency = f.agencyId === undefined ? sql`` : sql`and b.agency_id = ${f.agencyId}`;
  const kec =
    f.kecamatan === undefined
      ? sql``
      : sql`and substr(coalesce(b.domicile_kelurahan, b.office_kelurahan), 1, 8) = ${f.kecamatan}`;
  const r = await sql<AsnRow>`
    select b.id, b.name, b.phone, coalesce(b.domicile_kelurahan, b.office_kelurahan) as home,
      coalesce(q.min_monthly, 0) as quota, coalesce(lb.committed, 0) as committed
    from buyers b
    left join ${quotaRulesIn(period)} q on q.position_class = b.position_class
    left join ledger_balances lb on lb.account = 'buyer:' || b.id and lb.period = ${period}
    where b.active = 1 ${agency} ${kec}
    order by b.id`.execute(db);
  return r.rows;
}

// Active shops' owners (helpers get order notices, not programme broadcasts), with the shop's figures.
async function shopRows(db: Db, period: string, defaultCap: number, f: { kecamatan?: string }): Promise<ShopRow[]> {
  const kec = f.kecamatan === undefined ? sql`` : sql`and substr(s.kelurahan_code, 1, 8) = ${f.kecamatan}`;
  const r = await sql<ShopRow>`
    select s.id, s.name as shop, c.name, c.phone, coalesce(s.cap_override, ${defaultCap}) as cap,
      coalesce(lb.committed, 0) as committed,
      (select count(*) from orders o where o.shop_id = s.id and o.period = ${period} and o.status = 'completed') as orders
    from shops s
    join shop_contacts c on c.shop_id = s.id and c.role = 'owner'
    left join ledger_balances lb on lb.account = 'shop:' || s.id and lb.period = ${period}
    where s.status = 'active' ${kec}
    order by s.id, c.id`.execute(db);
  return r.rows;
}

interface IdleShopRow {
  id: number;
  name: string;
  kelurahan: string;
  kelurahanName: string;
}

// Shops that no order reached this month (no hold entry on their account: the dashboard's "no order yet"),
// among those a buyer can order from now: active, open, and with a contact whose chat is linked (an order
// sent to a shop nobody answers for would only expire).
async function idleShops(db: Db, period: string): Promise<IdleShopRow[]> {
  const r = await sql<IdleShopRow>`
    select s.id, s.name, s.kelurahan_code as kelurahan, kl.name as "kelurahanName"
    from shops s
    join kelurahan kl on kl.code = s.kelurahan_code
    where s.status = 'active' and s.is_open = 1
      and not exists (select 1 from ledger_entries e where e.account = 'shop:' || s.id and e.period = ${period} and e.kind = 'hold')
      and exists (select 1 from shop_contacts sc join chat_links cl on cl.phone = sc.phone where sc.shop_id = s.id)
    order by s.name, s.id`.execute(db);
  return r.rows;
}

/** How many shops one message names: enough to choose from, short enough to read in a chat. */
export const IDLE_SHOPS_NAMED = 3;

// The idle shops near a buyer's home that the area policy lets them order from: their own kelurahan first,
// then the rest of their kecamatan ("near" stops at the kecamatan even when the policy is city-wide).
function idleNear(idle: readonly IdleShopRow[], home: string, policy: AreaPolicy): IdleShopRow[] {
  const near = idle.filter((s) =>
    policy === 'kelurahan' ? s.kelurahan === home : kecamatanOf(s.kelurahan) === kecamatanOf(home),
  );
  const own = near.filter((s) => s.kelurahan === home);
  return [...own, ...near.filter((s) => s.kelurahan !== home)].slice(0, IDLE_SHOPS_NAMED);
}

const asnCandidate = (r: AsnRow): Candidate => {
  const quota = Number(r.quota);
  const spent = Number(r.committed);
  return { phone: r.phone, vars: { name: r.name, spent, quota, remaining: Math.max(0, quota - spent) } };
};
const shopCandidate = (r: ShopRow): Candidate => ({
  phone: r.phone,
  vars: { name: r.name, shop: r.shop, revenue: Number(r.committed), cap: Number(r.cap), orders: Number(r.orders) },
});

/** One message per phone: a person who is both ASN and shop owner is counted once (as ASN). */
function uniqueByPhone(list: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.phone) ? false : (seen.add(c.phone), true)));
}

/**
 * The people a segment selects in a period. Below-quota and near-cap reuse the reports' own queries, so a
 * broadcast reaches exactly the people the dashboard lists.
 */
export async function selectSegment(
  db: Db,
  segment: Segment,
  p: { period: string; defaultCap: number; areaPolicy?: AreaPolicy },
): Promise<Candidate[]> {
  switch (segment.kind) {
    case 'asn_below_quota': {
      const below = new Set((await buyerCompliance(db, p.period, { belowOnly: true })).map((b) => b.buyerId));
      return uniqueByPhone((await asnRows(db, p.period, {})).filter((r) => below.has(r.id)).map(asnCandidate));
    }
    case 'asn_agency':
      return uniqueByPhone((await asnRows(db, p.period, { agencyId: segment.agencyId })).map(asnCandidate));
    case 'asn_kecamatan':
      return uniqueByPhone((await asnRows(db, p.period, { kecamatan: segment.kecamatan })).map(asnCandidate));
    case 'shops_all':
      return uniqueByPhone((await shopRows(db, p.period, p.defaultCap, {})).map(shopCandidate));
    case 'shops_kecamatan':
      return uniqueByPhone(
        (await shopRows(db, p.period, p.defaultCap, { kecamatan: segment.kecamatan })).map(shopCandidate),
      );
    case 'shops_near_cap': {
      const near = new Set(
        (await shopCaps(db, p.period, { defaultCap: p.defaultCap, minUsage: NEAR_CAP })).map((s) => s.shopId),
      );
      return uniqueByPhone(
        (await shopRows(db, p.period, p.defaultCap, {})).filter((r) => near.has(r.id)).map(shopCandidate),
      );
    }
    case 'asn_near_idle_shops': {
      // Active ASN with at least one such shop near them; the message names the shops ("Toko X (Kelurahan)").
      const idle = await idleShops(db, p.period);
      if (idle.length === 0) return [];
      const policy = p.areaPolicy ?? 'kecamatan';
      return uniqueByPhone(
        (await asnRows(db, p.period, {})).flatMap((r) => {
          const near = idleNear(idle, r.home, policy);
          if (near.length === 0) return [];
          const c = asnCandidate(r);
          return [
            { ...c, vars: { ...c.vars, idle_shops: near.map((s) => `${s.name} (${s.kelurahanName})`).join(', ') } },
          ];
        }),
      );
    }
    case 'everyone': {
      const asn = (await asnRows(db, p.period, {})).map(asnCandidate);
      const shops = (await shopRows(db, p.period, p.defaultCap, {})).map(shopCandidate);
      // Only the variables both have: the template for everyone may use {name} and {days_left}.
      return uniqueByPhone([...asn, ...shops].map((c) => ({ phone: c.phone, vars: { name: c.vars.name } })));
    }
  }
}
