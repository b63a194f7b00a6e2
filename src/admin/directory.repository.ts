import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { quotaRulesIn } from '../people/quota-rule.repository.js';
import type { ShopStatus } from '../shops/shop.table.js';

// Read-side lists for the roster and shop pages. No NIP leaves here: the pages and the API do not need it.

export async function listBuyers(
  db: Db,
  p: { q?: string; agencyId?: number; period: string; limit: number; offset: number },
) {
  const like = p.q ? `%${p.q.replace(/[%_]/g, '')}%` : null;
  const r = await sql<{
    id: number;
    name: string;
    phone: string;
    acode: string;
    aname: string;
    cls: string;
    active: number;
    quota: number;
    committed: number;
  }>`
    select b.id, b.name, b.phone, a.code as acode, a.name as aname, b.position_class as cls, b.active,
      q.min_monthly as quota, coalesce(lb.committed, 0) as committed
    from buyers b join agencies a on a.id = b.agency_id join ${quotaRulesIn(p.period)} q on q.position_class = b.position_class
    left join ledger_balances lb on lb.account = 'buyer:' || b.id and lb.period = ${p.period}
    where 1 = 1 ${p.agencyId ? sql`and b.agency_id = ${p.agencyId}` : sql``}
      ${like ? sql`and (lower(b.name) like lower(${like}) or b.phone like ${like})` : sql``}
    order by b.name limit ${p.limit} offset ${p.offset}`.execute(db);
  return r.rows.map((x) => ({
    id: x.id,
    name: x.name,
    phone: x.phone,
    agencyCode: x.acode,
    agencyName: x.aname,
    positionClass: x.cls,
    active: x.active === 1,
    quota: Number(x.quota),
    committed: Number(x.committed),
  }));
}

export async function listShops(
  db: Db,
  p: { q?: string; status?: ShopStatus; period: string; defaultCap: number; limit: number; offset: number },
) {
  const like = p.q ? `%${p.q.replace(/[%_]/g, '')}%` : null;
  const r = await sql<{
    id: number;
    code: string;
    name: string;
    kind: string;
    status: ShopStatus;
    kel: string;
    cap: number;
    override: number | null;
    held: number;
    committed: number;
  }>`
    select s.id, s.code, s.name, s.kind, s.status, kl.name as kel, coalesce(s.cap_override, ${p.defaultCap}) as cap, s.cap_override as override,
      coalesce(lb.held, 0) as held, coalesce(lb.committed, 0) as committed
    from shops s join kelurahan kl on kl.code = s.kelurahan_code
    left join ledger_balances lb on lb.account = 'shop:' || s.id and lb.period = ${p.period}
    where 1 = 1 ${p.status ? sql`and s.status = ${p.status}` : sql``}
      ${like ? sql`and (lower(s.name) like lower(${like}) or lower(s.code) like lower(${like}))` : sql``}
    order by s.status = 'pending' desc, s.code limit ${p.limit} offset ${p.offset}`.execute(db);
  return r.rows.map((x) => ({
    id: x.id,
    code: x.code,
    name: x.name,
    kind: x.kind,
    status: x.status,
    kelurahan: x.kel,
    cap: Number(x.cap),
    capOverride: x.override,
    held: Number(x.held),
    committed: Number(x.committed),
  }));
}

export async function shopWithContacts(db: Db, shopId: number) {
  const shop = await db.selectFrom('shops').selectAll().where('id', '=', shopId).executeTakeFirst();
  if (!shop) return undefined;
  const contacts = await db
    .selectFrom('shop_contacts')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('id')
    .execute();
  return { shop, contacts };
}

export async function listProducts(db: Db, p: { shopId?: number; limit: number; offset: number }) {
  let q = db
    .selectFrom('products')
    .select(['id', 'shop_id', 'name', 'unit', 'price', 'stock', 'active', 'updated_at'])
    .orderBy('shop_id')
    .orderBy('name')
    .limit(p.limit)
    .offset(p.offset);
  if (p.shopId) q = q.where('shop_id', '=', p.shopId);
  return q.execute();
}

export async function listAgencies(db: Db) {
  return db.selectFrom('agencies').select(['id', 'code', 'name']).orderBy('name').execute();
}

/** Demo identities for the web chat: ASN on +62841000…, shop owners on +62842000…, admins on +62843000…, the unallocated 084 range (src/demo/seed-demo.ts). */
export async function demoIdentities(db: Db, limit = 30) {
  const buyers = await db
    .selectFrom('buyers')
    .select(['name', 'phone'])
    .where('phone', 'like', '+62841000%')
    .where('active', '=', 1)
    .orderBy('phone')
    .limit(limit)
    .execute();
  const owners = await db
    .selectFrom('shop_contacts as c')
    .innerJoin('shops as s', 's.id', 'c.shop_id')
    .select(['c.name', 'c.phone', 's.name as shop'])
    .where('c.phone', 'like', '+62842000%')
    .where('s.status', '=', 'active')
    .orderBy('c.phone')
    .limit(limit)
    .execute();
  const admins = await db
    .selectFrom('admins')
    .select(['name', 'phone', 'role'])
    .where('phone', 'like', '+62843000%')
    .where('disabled_at', 'is', null)
    .orderBy('phone')
    .limit(limit)
    .execute();
  return { buyers, owners, admins };
}

/**
 * The name a web chat page shows for one demo phone: the ASN's, else the shop of the contact, else the admin's.
 * Three lookups by phone (each column indexed): the page of one person must not read the whole demo directory.
 */
export async function demoLabel(db: Db, phone: string): Promise<string | undefined> {
  const buyer = await db
    .selectFrom('buyers')
    .select('name')
    .where('phone', '=', phone)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (buyer) return buyer.name;
  const owner = await db
    .selectFrom('shop_contacts as c')
    .innerJoin('shops as s', 's.id', 'c.shop_id')
    .select('s.name as shop')
    .where('c.phone', '=', phone)
    .where('s.status', '=', 'active')
    .orderBy('c.shop_id')
    .executeTakeFirst();
  if (owner) return owner.shop;
  const admin = await db
    .selectFrom('admins')
    .select('name')
    .where('phone', '=', phone)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return admin?.name;
}
