import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { DB } from '../../src/db/schema.js';
import { markDispatched, pendingOutbox } from '../../src/outbox/outbox.repository.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';
import { domainServices } from '../support/services.js';

// The pipeline looks rows up by a list (the orders of a batch, the outbox rows just sent), passed as one JSON
// parameter. PostgreSQL guesses 100 rows for a JSON function and planned `id in (select … from
// json_array_elements_text($1))` as a hash join over a scan of the whole table: the outbox's mark read every row
// it keeps, and a batch's order lock every order, so each batch cost more as the tables grew. Every list lookup
// the pipeline makes must use an index on the tables that grow.

const GROWING = ['orders', 'order_items', 'outbox', 'notifications', 'ledger_entries', 'ledger_balances'];
const ROWS = 5000;

let pg: PgTestDb;
beforeAll(async () => {
  pg = await createPgTestDb();
  await migrateToLatest(pg.db);
});
afterAll(async () => {
  await pg?.cleanup();
});

/** Months of earlier orders, with their lines, entries, balances, notices and dispatched outbox rows. */
async function history(db: Db, p: { buyerId: number; shopId: number; productId: number }) {
  await sql`insert into orders (id, code, buyer_id, shop_id, status, total, fulfilment, created_at, updated_at)
    select 'old' || lpad(i::text, 8, '0'), 'PK-' || i, ${p.buyerId}, ${p.shopId}, 'completed', 10000, 'delivery',
      '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
    from generate_series(1, ${ROWS}) i`.execute(db);
  await sql`insert into order_items (order_id, line_no, product_id, name, unit, price, quantity)
    select 'old' || lpad(i::text, 8, '0'), 1, ${p.productId}, 'beras', 'kg', 10000, 1 from generate_series(1, ${ROWS}) i`.execute(
    db,
  );
  await sql`insert into ledger_entries (order_id, account, period, kind, amount, created_at)
    select 'old' || lpad(i::text, 8, '0'), 'buyer:' || (i % 997), '2026-' || lpad((1 + i % 9)::text, 2, '0'), 'hold', 10000,
      '2026-01-01T00:00:00.000Z'
    from generate_series(1, ${ROWS}) i`.execute(db);
  await sql`insert into notifications (dedupe_key, recipient_phone, template, params, order_id, created_at)
    select 'old' || i, '+62812' || lpad(i::text, 8, '0'), 'order.new', '{}', 'old' || lpad(i::text, 8, '0'),
      '2026-01-01T00:00:00.000Z'
    from generate_series(1, ${ROWS}) i`.execute(db);
  await sql`insert into outbox (queue, job_name, job_id, payload, created_at, dispatched_at)
    select 'notify', 'send', 'old-' || i, '{}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z'
    from generate_series(1, ${ROWS}) i`.execute(db);
  await sql`analyze`.execute(db);
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}
function seqScans(node: PlanNode, out: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) out.push(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScans(child, out);
  return out;
}

describe('list lookups on PostgreSQL', () => {
  it('use an index on every table that grows, in every statement of the pipeline', async () => {
    const shop = await makeShop(pg.db, { capOverride: 10_000_000, ownerPhone: '+6281300000001', linked: true });
    const rice = await makeProduct(pg.db, shop.id, { name: 'beras', price: 10_000, stock: 100 });
    const buyers = [];
    for (const phone of ['+6281200000001', '+6281200000002', '+6281200000003'])
      buyers.push(await makeBuyer(pg.db, { phone }));
    await history(pg.db, { buyerId: buyers[0]!.id, shopId: shop.id, productId: rice.id });

    // The same pool, with every statement and its parameters written down.
    const seen: { sql: string; parameters: readonly unknown[] }[] = [];
    const logged = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: pg.pool }),
      log: (e) => {
        if (e.level === 'query') seen.push({ sql: e.query.sql, parameters: e.query.parameters });
      },
    });
    const s = domainServices(logged);
    const placed = await Promise.all(
      buyers.map((b) =>
        s.orders.place({
          buyerId: b.id,
          shopId: shop.id,
          items: [{ productId: rice.id, quantity: 1 }],
          fulfilment: 'delivery',
        }),
      ),
    );
    await s.orders.reserveMany(placed.map((o) => o.id));
    await s.orders.accept(placed[0]!.id, { kind: 'shop', shopId: shop.id });
    await s.orders.reject(placed[1]!.id, { kind: 'shop', shopId: shop.id }, 'habis');
    const pending = await pendingOutbox(logged, 100);
    await markDispatched(
      logged,
      pending.map((r) => r.id),
      '2026-11-10T03:00:01.000Z',
    );

    const lookups = seen.filter((q) => /json_array_elements_text/.test(q.sql) && !/^\s*insert/i.test(q.sql));
    // The story reaches the list lookups of the order lock, the batch's reads, the balances and the outbox mark.
    expect(lookups.length).toBeGreaterThanOrEqual(6);
    const scanned: string[] = [];
    for (const q of lookups) {
      const r = await pg.pool.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `explain (format json) ${q.sql}`,
        q.parameters as unknown[],
      );
      for (const table of seqScans(r.rows[0]!['QUERY PLAN'][0]!.Plan))
        if (GROWING.includes(table)) scanned.push(`${table} in: ${q.sql.replace(/\s+/g, ' ').slice(0, 90)}`);
    }
    expect(scanned).toEqual([]);
  });
});
