import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openPostgres, type PostgresHandle } from '../../src/db/postgres.js';
import { listBalances } from '../../src/ledger/ledger-balances.repository.js';
import { buyerCommitsByDay, turnoverByDay } from '../../src/reports/mayor.repository.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { admin, PG_URL } from '../support/postgres.js';
import { domainServices } from '../support/services.js';

// A city's PostgreSQL server is often initialised with a language's collation (en_US.UTF-8), where ':' and ';'
// are ignored at first and 'shop:12' sorts after 'shop;'. The ledger's account keys are read by range
// (`account >= 'shop:' and account < 'shop;'`), so they must compare bytewise there too (migration 0021).

const name = `peken_test_${randomBytes(6).toString('hex')}`;
let h: PostgresHandle;
beforeAll(async () => {
  await admin((c) => c.query(`create database ${name} template template0 locale_provider icu icu_locale 'en-US'`));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  h = openPostgres({ url: url.toString() });
  await migrateToLatest(h.db);
});
afterAll(async () => {
  await h?.close();
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
});

describe('ledger accounts on a PostgreSQL database with a language collation', () => {
  it('are found by the shop and buyer account ranges of the reports and the balance pages', async () => {
    const s = domainServices(h.db);
    const shop = await makeShop(h.db);
    const product = await makeProduct(h.db, shop.id, { price: 40_000 });
    const buyer = await makeBuyer(h.db);
    const order = await s.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 3 }],
      fulfilment: 'pickup',
    });
    await s.orders.reserve(order.id);
    const actor = { kind: 'shop', shopId: shop.id } as const;
    await s.orders.accept(order.id, actor);
    await s.orders.markDelivered(order.id, actor);
    await s.orders.confirmPaid(order.id, actor);

    const period = '2026-11';
    expect(await turnoverByDay(h.db, period)).toEqual([{ day: '2026-11-10', amount: 120_000, orders: 1 }]);
    expect(await buyerCommitsByDay(h.db, period)).toEqual([{ buyerId: buyer.id, day: '2026-11-10', amount: 120_000 }]);
    const shops = await listBalances(h.db, { kind: 'shop', period, limit: 10, offset: 0 });
    expect(shops.map((b) => [b.account, b.committed])).toEqual([[`shop:${shop.id}`, 120_000]]);
  });
});
