import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledger, OrderRefusedError, type HoldLimits } from '../../src/ledger/index.js';
import { makeBuyer, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

// A single order's hold: a batch of one (ledger.holdBatch), the one way the ledger holds.

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const period = '2026-11';
const at = '2026-11-20T03:00:00.000Z';
let seq = 0;

async function setup() {
  const shop = await makeShop(t.db);
  const buyer = await makeBuyer(t.db);
  const order = async () => {
    const id = `o${String(++seq).padStart(12, '0')}`;
    await t.db
      .insertInto('orders')
      .values({
        id,
        code: `T-${seq}`,
        buyer_id: buyer.id,
        shop_id: shop.id,
        status: 'submitted',
        total: 1,
        fulfilment: 'pickup',
        created_at: at,
        updated_at: at,
      })
      .execute();
    return id;
  };
  const hold = (orderId: string, amount: number, limits: HoldLimits) =>
    t.db.transaction().execute(async (trx) => {
      const batch = await ledger.holdBatch(trx, { period, at, shopIds: [shop.id], buyerIds: [buyer.id] });
      batch.hold({ orderId, shopId: shop.id, buyerId: buyer.id, amount, limits });
      await batch.write();
    });
  const reason = async (p: Promise<unknown>) => {
    try {
      await p;
      return 'held';
    } catch (error) {
      if (error instanceof OrderRefusedError) return error.reason;
      throw error;
    }
  };
  return { shop, buyer, order, hold, reason };
}

const open: HoldLimits = { shopCap: 1_000_000, buyerMax: null, orderMax: null };

describe('a single ledger hold', () => {
  it('holds on both accounts, up to the shop cap and not past it', async () => {
    const { shop, buyer, order, hold, reason } = await setup();
    const limits = { ...open, shopCap: 250_000 };
    expect(await reason(hold(await order(), 100_000, limits))).toBe('held');
    expect(await reason(hold(await order(), 150_000, limits))).toBe('held');
    expect(await reason(hold(await order(), 1, limits))).toBe('shop_cap');
    expect(await ledger.shopBalance(t.db, shop.id, period)).toEqual({ held: 250_000, committed: 0 });
    expect(await ledger.buyerBalance(t.db, buyer.id, period)).toEqual({ held: 250_000, committed: 0 });
    expect((await ledger.verify(t.db)).ok).toBe(true);
  });

  it('refuses past the buyer maximum and above the per-order maximum, writing nothing', async () => {
    const { shop, buyer, order, hold, reason } = await setup();
    expect(await reason(hold(await order(), 60_000, { ...open, buyerMax: 100_000 }))).toBe('held');
    expect(await reason(hold(await order(), 50_000, { ...open, buyerMax: 100_000 }))).toBe('buyer_max');
    expect(await reason(hold(await order(), 50_001, { ...open, orderMax: 50_000 }))).toBe('order_max');
    expect(await reason(hold(await order(), 50_000, { ...open, orderMax: 50_000 }))).toBe('held');
    expect(await ledger.shopBalance(t.db, shop.id, period)).toEqual({ held: 110_000, committed: 0 });
    expect(await ledger.buyerBalance(t.db, buyer.id, period)).toEqual({ held: 110_000, committed: 0 });
    expect(await t.db.selectFrom('ledger_entries').select('order_id').execute()).toHaveLength(4);
  });

  it('counts committed spending against the caps, not only what is held', async () => {
    const { order, hold, reason } = await setup();
    const first = await order();
    expect(await reason(hold(first, 200_000, { ...open, shopCap: 300_000 }))).toBe('held');
    await t.db.transaction().execute((trx) => ledger.commit(trx, first, at));
    expect(await reason(hold(await order(), 100_001, { ...open, shopCap: 300_000 }))).toBe('shop_cap');
    expect(await reason(hold(await order(), 100_000, { ...open, shopCap: 300_000 }))).toBe('held');
  });

  it('is a no-op when the same order is held again', async () => {
    const { shop, order, hold, reason } = await setup();
    const id = await order();
    expect(await reason(hold(id, 100_000, open))).toBe('held');
    expect(await reason(hold(id, 100_000, open))).toBe('held');
    expect(await ledger.shopBalance(t.db, shop.id, period)).toEqual({ held: 100_000, committed: 0 });
    expect(
      await t.db.selectFrom('ledger_entries').select('order_id').where('order_id', '=', id).execute(),
    ).toHaveLength(2);
  });
});
