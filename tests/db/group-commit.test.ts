import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroupCommit, inGroupTransaction } from '../../src/db/group-commit.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { domainServices } from '../support/services.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

describe('group commit', () => {
  it('keeps the good items of a batch when one item fails, and fails only that one', async () => {
    const results = await inGroupTransaction(t.db, ['A', 'bad', 'C'], async (trx, code) => {
      if (code === 'bad') throw new Error('boom');
      await trx.insertInto('agencies').values({ code, name: code, kelurahan_code: null }).execute();
      return code;
    });
    expect(results[0]).toBe('A');
    expect(results[1]).toBeInstanceOf(Error);
    expect(results[2]).toBe('C');
    const rows = await t.db.selectFrom('agencies').select('code').orderBy('code').execute();
    expect(rows.map((r) => r.code)).toEqual(['A', 'C']);
  });

  it('puts calls made together into one batch and answers each caller with its own result', async () => {
    const batches: number[][] = [];
    const call = createGroupCommit({
      maxBatch: 3,
      runBatch: async (xs: number[]) => (batches.push(xs), xs.map((x) => (x === 4 ? new Error('four') : x * 10))),
    });
    const settled = await Promise.allSettled([1, 2, 3, 4, 5].map((x) => call(x)));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([
      10,
      20,
      30,
      'four',
      50,
    ]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('places concurrent orders in shared transactions, each with its own answer', async () => {
    const s = domainServices(t.db);
    const buyer = await makeBuyer(t.db);
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id);
    const placed = await Promise.allSettled([
      s.orders.place({
        buyerId: buyer.id,
        shopId: shop.id,
        items: [{ productId: product.id, quantity: 1 }],
        fulfilment: 'pickup',
      }),
      s.orders.place({
        buyerId: 424242,
        shopId: shop.id,
        items: [{ productId: product.id, quantity: 1 }],
        fulfilment: 'pickup',
      }),
      s.orders.place({
        buyerId: buyer.id,
        shopId: shop.id,
        items: [{ productId: product.id, quantity: 2 }],
        fulfilment: 'pickup',
      }),
    ]);
    expect(placed.map((p) => p.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await t.db.selectFrom('orders').selectAll().execute()).toHaveLength(2);
    expect(await t.db.selectFrom('outbox').selectAll().execute()).toHaveLength(2);
  });
});

describe('ledger storage', () => {
  it('refuses to update or delete a ledger entry', async () => {
    const s = domainServices(t.db);
    const buyer = await makeBuyer(t.db);
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id);
    const o = await s.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await s.orders.reserve(o.id);
    await expect(t.db.updateTable('ledger_entries').set({ amount: 1 }).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('ledger_entries').execute()).rejects.toThrow(/append-only/);
  });
});
