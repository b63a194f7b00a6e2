import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { DB } from '../../src/db/schema.js';
import { ledger } from '../../src/ledger/index.js';
import type { Order, ReserveOutcome } from '../../src/orders/order.service.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';
import { domainServices } from '../support/services.js';

// The ledger's invariants on PostgreSQL, where several processes write at once (READ COMMITTED, no single
// write lock as SQLite's BEGIN IMMEDIATE): two pools stand for two worker processes on the same database,
// and race for shops whose caps fit only some of the orders. Every database error either pool meets is
// recorded: a deadlock (40P01), even one that a retry hides, fails the test.

let t: PgTestDb;
const pools: { db: Db; errors: string[] }[] = [];
beforeAll(async () => {
  t = await createPgTestDb();
  await migrateToLatest(t.db);
  for (let i = 0; i < 2; i++) {
    const errors: string[] = [];
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.url, max: 8 }) }),
      log: (e) => {
        if (e.level === 'error') {
          const err = e.error as { code?: string; message?: string };
          errors.push(`${err.code ?? ''} ${err.message ?? String(e.error)}`);
        }
      },
    });
    pools.push({ db, errors });
  }
});
afterAll(async () => {
  for (const p of pools) await p.db.destroy();
  await t?.cleanup();
});

const CAP = 500_000;
const PRICE = 100_000;
const FITS = CAP / PRICE;
const STOCK = 1_000;

/** A fixed shuffle (so that a failure repeats): each process takes the orders in a different order. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function placeOrders(shopCount: number, perShop: number) {
  const s = domainServices(t.db);
  const shops = [];
  for (let i = 0; i < shopCount; i++) {
    const shop = await makeShop(t.db, { capOverride: CAP });
    shops.push({ shop, product: await makeProduct(t.db, shop.id, { price: PRICE, stock: STOCK }) });
  }
  const buyers = [];
  for (let i = 0; i < 12; i++) buyers.push(await makeBuyer(t.db));
  const orders: Order[] = [];
  for (let i = 0; i < shopCount * perShop; i++) {
    const { shop, product } = shops[i % shopCount]!;
    orders.push(
      await s.orders.place({
        buyerId: buyers[i % buyers.length]!.id,
        shopId: shop.id,
        items: [{ productId: product.id, quantity: 1 }],
        fulfilment: 'pickup',
      }),
    );
  }
  return { shops, orders };
}

describe('holds racing from two processes on PostgreSQL', () => {
  it('accept exactly what fits under each cap, hold each order once, and never deadlock', async () => {
    const { shops, orders } = await placeOrders(3, 20);
    const ids = orders.map((o) => o.id);
    // Both processes get every order (a job delivered twice, a sweeper's re-send), each in its own order,
    // in batches of six of which eight run at once per process.
    const results = await Promise.all(
      pools.map(async (p, n) => {
        const s = domainServices(p.db);
        const batches = chunks(shuffled(ids, 7 + n * 31), 6);
        return (await Promise.all(batches.map((b) => s.orders.reserveMany(b)))).flat();
      }),
    );
    const all: (ReserveOutcome | Error)[] = results.flat();
    expect(all.filter((r) => r instanceof Error).map((r) => (r as Error).message)).toEqual([]);
    expect(pools.flatMap((p) => p.errors)).toEqual([]);

    const period = (await t.db
      .selectFrom('orders')
      .select('period')
      .where('period', 'is not', null)
      .executeTakeFirst())!.period!;
    for (const { shop, product } of shops) {
      const balance = await ledger.shopBalance(t.db, shop.id, period);
      expect(balance.held + balance.committed).toBeLessThanOrEqual(CAP);
      expect(balance).toEqual({ held: CAP, committed: 0 });
      const statuses = await t.db
        .selectFrom('orders')
        .select(['status', 'reason'])
        .where('shop_id', '=', shop.id)
        .execute();
      expect(statuses.filter((o) => o.status === 'reserved')).toHaveLength(FITS);
      expect(statuses.filter((o) => o.status === 'refused' && o.reason === 'shop_cap')).toHaveLength(20 - FITS);
      // Stock taken once per reserved order, though both processes saw every order.
      const left = await t.db.selectFrom('products').select('stock').where('id', '=', product.id).executeTakeFirst();
      expect(Number(left!.stock)).toBe(STOCK - FITS);
    }
    // Each order reserved by one process; the other found it reserved (or refused) and left it.
    const decided = all.filter((r) => !(r instanceof Error) && r.outcome !== 'unchanged');
    expect(decided).toHaveLength(ids.length);
    // A reserved order holds once on its shop and once on its buyer; a refused one holds nothing.
    const holds = await t.db
      .selectFrom('ledger_entries')
      .select(['order_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('kind', '=', 'hold')
      .groupBy('order_id')
      .execute();
    const reserved = await t.db.selectFrom('orders').select('id').where('status', '=', 'reserved').execute();
    expect(new Map(holds.map((h) => [h.order_id, Number(h.n)]))).toEqual(new Map(reserved.map((o) => [o.id, 2])));
    expect((await ledger.verify(t.db)).ok).toBe(true);
  });

  it('lets one of two processes answering the same orders win, with the ledger following the winner', async () => {
    const { shops, orders } = await placeOrders(2, 5);
    await domainServices(t.db).orders.reserveMany(orders.map((o) => o.id));
    const [a, b] = pools.map((p) => domainServices(p.db).orders);
    // The shop accepts in one process while the buyer cancels in the other, for every order at once.
    const settled = await Promise.allSettled(
      orders.flatMap((o) => [
        a!.accept(o.id, { kind: 'shop', shopId: o.shop_id }),
        b!.cancel(o.id, { kind: 'buyer', buyerId: o.buyer_id }),
      ]),
    );
    const failures = settled.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).constructor.name] : []));
    // Exactly one of each pair loses, with the order's own refusal, not a database error.
    expect(failures).toEqual(orders.map(() => 'InvalidTransitionError'));
    expect(pools.flatMap((p) => p.errors)).toEqual([]);
    const period =
      orders[0] &&
      (await t.db.selectFrom('orders').select('period').where('id', '=', orders[0].id).executeTakeFirst())!.period!;
    for (const { shop } of shops) {
      const rows = await t.db.selectFrom('orders').select(['status', 'total']).where('shop_id', '=', shop.id).execute();
      expect(rows.every((o) => o.status === 'accepted' || o.status === 'cancelled')).toBe(true);
      const accepted = rows.filter((o) => o.status === 'accepted').reduce((sum, o) => sum + Number(o.total), 0);
      expect(await ledger.shopBalance(t.db, shop.id, period!)).toEqual({ held: accepted, committed: 0 });
    }
    expect((await ledger.verify(t.db)).ok).toBe(true);
  });
});
