import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ledger } from '../../src/ledger/index.js';
import { takenCodes } from '../../src/orders/order.repository.js';
import { markDispatched, pendingOutbox } from '../../src/outbox/outbox.repository.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';
import { domainServices } from '../support/services.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

// The hand-written statements of the order pipeline (place, reserve, hold, release, commit, notices, outbox)
// have a text per dialect (src/db/statement.ts). The same story told on SQLite and on PostgreSQL must leave
// the same rows behind: statuses, lines, ledger entries and balances, notices and outbox rows.

let pg: PgTestDb;
let lite: TestDb;
beforeAll(async () => {
  pg = await createPgTestDb();
  await migrateToLatest(pg.db);
  lite = await createTestDb();
});
afterAll(async () => {
  await pg?.cleanup();
  await lite?.cleanup();
});

/** Places, reserves (a batch and a single order), rejects, completes and dispatches; returns what it left. */
async function story(db: Db) {
  const s = domainServices(db);
  const shop = await makeShop(db, { capOverride: 250_000, ownerPhone: '+6281300000001', linked: true });
  const other = await makeShop(db, { ownerPhone: '+6281300000002' });
  const rice = await makeProduct(db, shop.id, { name: 'beras', price: 100_000, stock: 10 });
  const oil = await makeProduct(db, shop.id, { name: 'minyak', price: 25_000, stock: null });
  const sugar = await makeProduct(db, other.id, { name: 'gula', price: 15_000, stock: 3 });
  const buyers: { id: number }[] = [];
  for (const phone of ['+6281200000001', '+6281200000002', '+6281200000003'])
    buyers.push(await makeBuyer(db, { phone }));
  const place = (b: number, shopId: number, items: { productId: number; quantity: number }[], note = '') =>
    s.orders.place({
      buyerId: buyers[b]!.id,
      shopId,
      items,
      fulfilment: 'delivery',
      deliveryAddress: 'Jl. Kenari 5',
      note,
    });

  const placed = await Promise.all([
    place(0, shop.id, [{ productId: rice.id, quantity: 1 }], 'habis maghrib'),
    place(1, shop.id, [
      { productId: rice.id, quantity: 1 },
      { productId: oil.id, quantity: 2 },
    ]),
    place(2, shop.id, [{ productId: rice.id, quantity: 1 }]),
    place(0, other.id, [{ productId: sugar.id, quantity: 2 }]),
    place(1, other.id, [{ productId: sugar.id, quantity: 2 }]),
  ]);
  const single = await place(2, other.id, [{ productId: sugar.id, quantity: 1 }]);
  const index = new Map([...placed, single].map((o, i) => [o.id, i]));

  const batch = await s.orders.reserveMany(placed.map((o) => o.id));
  const alone = await s.orders.reserve(single.id);
  await s.orders.reject(placed[0]!.id, { kind: 'shop', shopId: shop.id }, 'habis');
  await s.orders.accept(placed[1]!.id, { kind: 'shop', shopId: shop.id });
  await s.orders.markDelivered(placed[1]!.id, { kind: 'shop', shopId: shop.id });
  await s.orders.confirmPaid(placed[1]!.id, { kind: 'shop', shopId: shop.id });
  const outbox = await pendingOutbox(db, 1000);
  await markDispatched(
    db,
    outbox.slice(0, 3).map((r) => r.id),
    '2026-11-10T03:00:01.000Z',
  );

  const orders = await db.selectFrom('orders').selectAll().execute();
  const byIndex = <T extends { order_id: string | null }>(rows: T[]) =>
    rows.map((r) => ({ ...r, order_id: r.order_id === null ? null : index.get(r.order_id) }));
  return {
    outcomes: [...batch, alone].map((r) => (r instanceof Error ? r.message : `${r.outcome}:${r.order.status}`)),
    codesTaken: (await takenCodes(db, [placed[2]!.code, 'PK-NONE'])).size,
    orders: orders.map((o) => ({ ...o, id: index.get(o.id), code: o.code.length })).sort((a, b) => a.id! - b.id!),
    items: byIndex(await db.selectFrom('order_items').selectAll().execute()).sort(
      (a, b) => a.order_id! - b.order_id! || a.line_no - b.line_no,
    ),
    stock: (await db.selectFrom('products').select(['name', 'stock']).orderBy('id').execute()).map((p) => ({
      ...p,
      stock: p.stock === null ? null : Number(p.stock),
    })),
    entries: byIndex(
      await db.selectFrom('ledger_entries').select(['order_id', 'account', 'period', 'kind', 'amount']).execute(),
    ).sort((a, b) => (`${a.order_id}|${a.account}|${a.kind}` < `${b.order_id}|${b.account}|${b.kind}` ? -1 : 1)),
    balances: (await db.selectFrom('ledger_balances').selectAll().orderBy('account').execute()).filter(
      // PostgreSQL opens a balance row empty to lock it (lockBalances): the same as no row.
      (b) => b.held !== 0 || b.committed !== 0,
    ),
    notices: (await db.selectFrom('notifications').select(['recipient_phone', 'template', 'order_id']).execute())
      .map((n) => ({ ...n, order_id: n.order_id === null ? null : index.get(n.order_id) }))
      .sort((a, b) =>
        `${a.order_id}|${a.template}|${a.recipient_phone}` < `${b.order_id}|${b.template}|${b.recipient_phone}`
          ? -1
          : 1,
      ),
    outbox: (await db.selectFrom('outbox').select(['queue', 'job_name', 'dispatched_at']).execute())
      .map((r) => `${r.queue}|${r.job_name}|${r.dispatched_at ?? ''}`)
      .sort(),
    verify: await ledger.verify(db),
  };
}

describe('the hot-path statements on PostgreSQL', () => {
  it('leave the same orders, lines, ledger, notices and outbox rows as on SQLite', async () => {
    const onSqlite = await story(lite.db);
    const onPg = await story(pg.db);
    // The story itself: the cap (250k) lets two of the three 100k orders through, in the batch's order.
    expect(onSqlite.outcomes).toEqual([
      'reserved:reserved',
      'reserved:reserved',
      'refused:refused',
      'reserved:reserved',
      'refused:refused',
      'reserved:reserved',
    ]);
    expect(onSqlite.verify.ok).toBe(true);
    expect(onSqlite.notices.length).toBeGreaterThan(5);
    expect(onPg).toEqual(onSqlite);
  });
});
