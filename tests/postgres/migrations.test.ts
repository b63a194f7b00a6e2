import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTestDb } from '../support/test-db.js';
import { createPgTestDb, type PgTestDb } from '../support/postgres.js';

let t: PgTestDb;
beforeAll(async () => {
  t = await createPgTestDb();
});
afterAll(async () => {
  await t?.cleanup();
});

const NOW = '2026-12-03T05:00:00.000Z';

async function anOrder(id: string): Promise<void> {
  const kel = await t.db.selectFrom('kelurahan').select('code').orderBy('code').executeTakeFirstOrThrow();
  const rule = await t.db.selectFrom('quota_rules').select('position_class').executeTakeFirstOrThrow();
  const agency = await t.db
    .insertInto('agencies')
    .values({ code: `A${id}`, name: 'Dinas', kelurahan_code: kel.code })
    .returning('id')
    .executeTakeFirstOrThrow();
  const buyer = await t.db
    .insertInto('buyers')
    .values({
      nip: `1980010120050110${id.padStart(2, '0')}`,
      name: 'Siti',
      phone: `+62812000000${id.padStart(2, '0')}`,
      agency_id: agency.id,
      position_class: rule.position_class,
      office_kelurahan: kel.code,
      created_at: NOW,
      updated_at: NOW,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const shop = await t.db
    .insertInto('shops')
    .values({
      code: `S${id}`,
      name: 'Warung',
      kind: 'kelontong',
      kelurahan_code: kel.code,
      created_at: NOW,
      updated_at: NOW,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('orders')
    .values({
      id,
      code: `PK-${id}`,
      buyer_id: buyer.id,
      shop_id: shop.id,
      status: 'reserved',
      total: 50_000,
      fulfilment: 'pickup',
      created_at: NOW,
      updated_at: NOW,
    } as never)
    .execute();
}

function entry(orderId: string, kind: 'hold' | 'commit' | 'release', amount = 50_000) {
  return t.db
    .insertInto('ledger_entries')
    .values({ order_id: orderId, account: 'shop:1', period: '2026-12', kind, amount, created_at: NOW })
    .execute();
}

async function balance() {
  return t.db
    .selectFrom('ledger_balances')
    .select(['held', 'committed'])
    .where('account', '=', 'shop:1')
    .where('period', '=', '2026-12')
    .executeTakeFirst();
}

describe('the migrations on PostgreSQL', () => {
  it('bring a fresh database to the latest schema, and a second run changes nothing', async () => {
    const first = await migrateToLatest(t.db);
    expect(first.results?.length).toBeGreaterThan(10);
    expect(first.results?.every((r) => r.status === 'Success')).toBe(true);
    const second = await migrateToLatest(t.db);
    expect(second.results).toEqual([]);
  });

  it('give the same tables and columns as on SQLite', async () => {
    const lite = await createTestDb();
    try {
      const liteTables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'
        and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(lite.db);
      const shape = async (table: string) =>
        (await sql<{ name: string }>`select name from pragma_table_info(${table}) order by name`.execute(lite.db)).rows
          .map((r) => r.name)
          .join(',');
      const pgColumns = await sql<{ table_name: string; columns: string }>`select table_name,
          string_agg(column_name::text, ',' order by column_name::text collate "C") as columns
        from information_schema.columns where table_schema = 'public' and table_name not like 'kysely_%'
        group by table_name order by table_name`.execute(t.db);
      const pg = Object.fromEntries(pgColumns.rows.map((r) => [r.table_name, r.columns]));
      const sqlite: Record<string, string> = {};
      for (const { name } of liteTables.rows)
        sqlite[name] = (await shape(name))
          .split(',')
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
          .join(',');
      expect(Object.keys(pg).sort()).toEqual(Object.keys(sqlite).sort());
      expect(pg).toEqual(sqlite);
    } finally {
      await lite.cleanup();
    }
  });

  it('keep the balances from the entries in the database, and refuse to change or remove an entry', async () => {
    await anOrder('1');
    await entry('1', 'hold');
    expect(await balance()).toEqual({ held: 50_000, committed: 0 });
    await entry('1', 'commit');
    expect(await balance()).toEqual({ held: 0, committed: 50_000 });
    // The same step twice is refused by (order, account, kind).
    await expect(entry('1', 'commit')).rejects.toThrow(/ledger_entries_step/);
    await expect(t.db.updateTable('ledger_entries').set({ amount: 1 }).execute()).rejects.toThrow(
      /ledger entries are append-only/,
    );
    await expect(t.db.deleteFrom('ledger_entries').execute()).rejects.toThrow(/ledger entries are append-only/);
    await expect(sql`truncate ledger_entries cascade`.execute(t.db)).rejects.toThrow(/ledger entries are append-only/);
    expect(await balance()).toEqual({ held: 0, committed: 50_000 });
    // A balance never goes negative: a release without its hold fails with the entry.
    await anOrder('2');
    await expect(entry('2', 'release', 60_000)).rejects.toThrow(/held/);
  });

  it('keep the order log append-only', async () => {
    await t.db
      .insertInto('order_events')
      .values({ order_id: '1', at: NOW, actor_kind: 'system', event: 'reserved' } as never)
      .execute();
    await expect(t.db.updateTable('order_events').set({ event: 'x' }).execute()).rejects.toThrow(
      /order_events is append-only/,
    );
    await expect(t.db.deleteFrom('order_events').execute()).rejects.toThrow(/order_events is append-only/);
  });
});
