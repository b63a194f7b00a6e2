import type { Db } from '../../src/db/database.js';
import type { ShopKind, ShopStatus } from '../../src/shops/shop.table.js';

const AT = '2026-11-01T00:00:00.000Z';
let seq = 0;
const next = () => ++seq;

/** A NIP that passes validation, unique per call. */
export function fakeNip(n = next()): string {
  return `19800101${String(200501 + (n % 1000)).padStart(6, '0')}${String(1000 + (n % 9000)).slice(-4)}`.slice(0, 18);
}

export function fakePhone(n = next()): string {
  return `+62812${String(10_000_000 + n).slice(-8)}`;
}

export async function makeAgency(db: Db, p: { code?: string; name?: string } = {}) {
  const n = next();
  return db
    .insertInto('agencies')
    .values({ code: p.code ?? `OPD${n}`, name: p.name ?? `Dinas ${n}`, kelurahan_code: '35.78.07.1003' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeQuotaRule(db: Db, p: { positionClass?: string; min?: number } = {}) {
  const cls = p.positionClass ?? 'staf';
  await db
    .insertInto('quota_rules')
    .values({ position_class: cls, label: cls, min_monthly: p.min ?? 500_000 })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return cls;
}

export async function makeBuyer(
  db: Db,
  p: { agencyId?: number; kelurahan?: string | null; office?: string; phone?: string; positionClass?: string } = {},
) {
  const n = next();
  const agencyId = p.agencyId ?? (await makeAgency(db)).id;
  const positionClass = await makeQuotaRule(db, { positionClass: p.positionClass });
  return db
    .insertInto('buyers')
    .values({
      nip: `1980010120050${String(10_000 + n).slice(-5)}`,
      name: `ASN ${n}`,
      phone: p.phone ?? fakePhone(n),
      agency_id: agencyId,
      position_class: positionClass,
      domicile_kelurahan: p.kelurahan === undefined ? '35.78.07.1003' : p.kelurahan,
      office_kelurahan: p.office ?? '35.78.07.1003',
      created_at: AT,
      updated_at: AT,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeShop(
  db: Db,
  p: {
    kelurahan?: string;
    status?: ShopStatus;
    kind?: ShopKind;
    capOverride?: number | null;
    ownerPhone?: string;
    isOpen?: boolean;
    /** The owner has a chat (on the web chat), as a shop must to be listed; by default nobody answers for it yet. */
    linked?: boolean;
  } = {},
) {
  const n = next();
  const shop = await db
    .insertInto('shops')
    .values({
      code: `TK${n}`,
      name: `Toko ${n}`,
      kind: p.kind ?? 'kelontong',
      kelurahan_code: p.kelurahan ?? '35.78.07.1003',
      status: p.status ?? 'active',
      is_open: p.isOpen === false ? 0 : 1,
      payment_instructions: 'Transfer BCA 123',
      cap_override: p.capOverride ?? null,
      created_at: AT,
      updated_at: AT,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('shop_contacts')
    .values({ shop_id: shop.id, phone: p.ownerPhone ?? fakePhone(n + 500_000), name: `Bu ${n}`, role: 'owner' })
    .execute();
  if (p.linked) {
    const phone = p.ownerPhone ?? fakePhone(n + 500_000);
    await db
      .insertInto('chat_links')
      .values({
        channel: 'web',
        chat_id: `owner-${phone.slice(1)}`,
        phone,
        role: 'shop',
        shop_id: shop.id,
        linked_at: AT,
      })
      .execute();
  }
  return shop;
}

export async function makeProduct(
  db: Db,
  shopId: number,
  p: { name?: string; price?: number; stock?: number | null } = {},
) {
  const n = next();
  const name = p.name ?? `produk ${n}`;
  return db
    .insertInto('products')
    .values({
      shop_id: shopId,
      name,
      name_key: name.toLowerCase(),
      unit: 'kg',
      price: p.price ?? 10_000,
      stock: p.stock ?? null,
      updated_at: AT,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
