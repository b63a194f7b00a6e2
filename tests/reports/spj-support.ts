import type { Db } from '../../src/db/database.js';
import { makeAgency, makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import type { adminWorld } from '../admin/support.js';

type World = Awaited<ReturnType<typeof adminWorld>>;

/**
 * A month of SPJ material: two OPDs, orders of several lines completed (one late in the UTC evening, so that
 * its WIB date is the next day), one still held and one rejected (neither belongs in an SPJ). A shop's name,
 * its owner and its address start with = @ + and an item with -, which spreadsheet apps read as formulas.
 */
export async function spjMonth(db: Db, w: World) {
  const dinkes = await makeAgency(db, { code: 'DINKES', name: 'Dinas Kesehatan' });
  const bappeda = await makeAgency(db, { code: 'BAPPEDA', name: 'Bappeda' });
  const [b1, b2, b3] = [
    await makeBuyer(db, { agencyId: dinkes.id }),
    await makeBuyer(db, { agencyId: dinkes.id }),
    await makeBuyer(db, { agencyId: bappeda.id }),
  ];
  const s1 = await makeShop(db);
  const s2 = await makeShop(db);
  await db
    .updateTable('shops')
    .set({ name: '=HYPERLINK("http://x")', address: '+62 Jl. Kenjeran 1' })
    .where('id', '=', s2.id)
    .execute();
  await db.updateTable('shop_contacts').set({ name: '@Bu Nyomi' }).where('shop_id', '=', s2.id).execute();
  const beras = await makeProduct(db, s1.id, { name: 'beras', price: 65_000 });
  const gula = await makeProduct(db, s1.id, { name: 'gula', price: 17_500 });
  const minyak = await makeProduct(db, s2.id, { name: '-minyak goreng', price: 38_250 });
  const shop = (shopId: number) => ({ kind: 'shop', shopId }) as const;

  async function complete(
    buyerId: number,
    shopId: number,
    items: { productId: number; quantity: number }[],
    method: 'qris' | 'cash' | null,
    paidAt?: string,
  ) {
    const o = await w.orders.place({
      buyerId,
      shopId,
      items,
      fulfilment: 'delivery',
      deliveryAddress: 'Jl. Mawar 2, Surabaya',
    });
    await w.orders.reserve(o.id);
    await w.orders.accept(o.id, shop(shopId));
    await w.orders.markDelivered(o.id, shop(shopId));
    if (method) await w.orders.claimPaid(o.id, { kind: 'buyer', buyerId }, { method, receipt: null });
    if (paidAt) w.clock.set(paidAt);
    return w.orders.confirmPaid(o.id, shop(shopId));
  }

  const o1 = await complete(
    b1.id,
    s1.id,
    [
      { productId: beras.id, quantity: 2 },
      { productId: gula.id, quantity: 3 },
    ],
    'qris',
  );
  // Paid at 20:30 UTC on the 10th, which is 03:30 WIB on the 11th.
  const o2 = await complete(b2.id, s2.id, [{ productId: minyak.id, quantity: 4 }], 'cash', '2026-11-10T20:30:00.000Z');
  w.clock.set('2026-11-12T02:00:00.000Z');
  const o3 = await complete(
    b3.id,
    s1.id,
    [
      { productId: gula.id, quantity: 1 },
      { productId: beras.id, quantity: 1 },
    ],
    null,
  );
  const o4 = await complete(b3.id, s2.id, [{ productId: minyak.id, quantity: 1 }], 'qris');
  const held = await w.orders.place({
    buyerId: b1.id,
    shopId: s1.id,
    items: [{ productId: beras.id, quantity: 1 }],
    fulfilment: 'pickup',
  });
  await w.orders.reserve(held.id);
  const rejected = await w.orders.place({
    buyerId: b2.id,
    shopId: s1.id,
    items: [{ productId: gula.id, quantity: 1 }],
    fulfilment: 'pickup',
  });
  await w.orders.reserve(rejected.id);
  await w.orders.reject(rejected.id, shop(s1.id), 'habis');
  return { dinkes, bappeda, buyers: [b1, b2, b3], shops: [s1, s2], completed: [o1, o2, o3, o4], held, rejected };
}

/** The ledger's committed turnover per OPD for a month, summed here from the entries themselves. */
export async function ledgerByAgency(db: Db, period: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('ledger_entries as le')
    .innerJoin('orders as o', 'o.id', 'le.order_id')
    .innerJoin('buyers as b', 'b.id', 'o.buyer_id')
    .innerJoin('agencies as a', 'a.id', 'b.agency_id')
    .select(['a.code', 'le.amount', 'le.account'])
    .where('le.period', '=', period)
    .where('le.kind', '=', 'commit')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) if (r.account.startsWith('shop:')) out.set(r.code, (out.get(r.code) ?? 0) + r.amount);
  return out;
}
