import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { listBalances } from '../../src/ledger/ledger-balances.repository.js';
import { buyerCommitsByDay, turnoverByDay } from '../../src/reports/mayor.repository.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';
import { domainServices, orderTo } from '../support/services.js';

// A city's PostgreSQL server is often initialised with a language's collation (en_US.UTF-8), where ':' and ';'
// are ignored at first and 'shop:12' sorts after 'shop;'. The ledger's account keys are read by range
// (`account >= 'shop:' and account < 'shop;'`), so they must compare bytewise there too (migration 0021).

let h: PgTestDb;
beforeAll(async () => {
  h = await createPgTestDb({ collation: 'en-US' });
  await migrateToLatest(h.db);
});
afterAll(async () => {
  await h?.cleanup();
});

describe('ledger accounts on a PostgreSQL database with a language collation', () => {
  it('are found by the shop and buyer account ranges of the reports and the balance pages', async () => {
    const s = domainServices(h.db);
    const shop = await makeShop(h.db);
    const product = await makeProduct(h.db, shop.id, { price: 40_000 });
    const buyer = await makeBuyer(h.db);
    await orderTo(s, { buyerId: buyer.id, shopId: shop.id, productId: product.id, quantity: 3 }, 'completed');

    const period = '2026-11';
    expect(await turnoverByDay(h.db, period)).toEqual([{ day: '2026-11-10', amount: 120_000, orders: 1 }]);
    expect(await buyerCommitsByDay(h.db, period)).toEqual([{ buyerId: buyer.id, day: '2026-11-10', amount: 120_000 }]);
    const shops = await listBalances(h.db, { kind: 'shop', period, limit: 10, offset: 0 });
    expect(shops.map((b) => [b.account, b.committed])).toEqual([[`shop:${shop.id}`, 120_000]]);
  });
});
