import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Migration } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { ledger } from '../../src/ledger/index.js';
import { makeBuyer, makeShop } from '../support/fixtures.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

// 0007 rebuilds ledger_entries (no AUTOINCREMENT) and ledger_balances (WITHOUT ROWID) on a database that
// already holds money: every entry, id and balance must come through, and the triggers must still move
// the balances and still refuse to change an entry.

const dir = fileURLToPath(new URL('../../migrations/', import.meta.url));
const migrator = (h: DatabaseHandle) =>
  new Migrator({
    db: h.db,
    provider: {
      async getMigrations() {
        const out: Record<string, Migration> = {};
        for (const f of (await readdir(dir)).filter((x) => /^\d{4}_.+\.ts$/.test(x)).sort()) {
          out[f.replace(/\.ts$/, '')] = (await import(pathToFileURL(join(dir, f)).href)) as Migration;
        }
        return out;
      },
    },
  });

let h: DatabaseHandle;
let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'peken-mig-'));
  h = openDatabase({ file: join(tmp, 'peken.db') });
});
afterEach(async () => {
  await h.close();
  rmSync(tmp, { recursive: true, force: true });
});

const at = '2026-11-20T03:00:00.000Z';
const limits = { shopCap: 1_000_000, buyerMax: null, orderMax: null };

async function placeHolds(from: number, count: number, shopId: number, buyerId: number) {
  for (let i = from; i < from + count; i++) {
    const id = `o${String(i).padStart(12, '0')}`;
    await h.db
      .insertInto('orders')
      .values({
        id,
        code: `T-${i}`,
        buyer_id: buyerId,
        shop_id: shopId,
        status: 'submitted',
        total: 1,
        fulfilment: 'pickup',
        created_at: at,
        updated_at: at,
      })
      .execute();
    await h.db.transaction().execute(async (trx) => {
      const batch = await ledger.holdBatch(trx, { period: '2026-11', at, shopIds: [shopId], buyerIds: [buyerId] });
      batch.hold({ orderId: id, shopId, buyerId, amount: 10_000, limits });
      await batch.write();
    });
  }
}

const snapshot = async () => ({
  entries: await h.db.selectFrom('ledger_entries').selectAll().orderBy('id').execute(),
  balances: await h.db.selectFrom('ledger_balances').selectAll().orderBy('account').execute(),
});

describe('migration 0007 (ledger tables rebuilt for fewer pages per write)', () => {
  it('keeps every entry, id and balance, and the triggers still keep the balances and guard the entries', async () => {
    const m = migrator(h);
    const to6 = await m.migrateTo('0006_order_requests');
    expect(to6.error).toBeUndefined();
    const shop = await makeShop(h.db);
    const buyer = await makeBuyer(h.db);
    await placeHolds(0, 5, shop.id, buyer.id);
    await h.db.transaction().execute((trx) => ledger.commit(trx, 'o000000000001', at));
    await h.db.transaction().execute((trx) => ledger.release(trx, 'o000000000002', at));
    const before = await snapshot();

    expect((await m.migrateToLatest()).error).toBeUndefined();
    expect(await snapshot()).toEqual(before);
    const schema = (name: string) =>
      h.sqlite.prepare('select sql from sqlite_master where name = ?').pluck().get(name) as string;
    expect(schema('ledger_entries')).not.toMatch(/autoincrement/i);
    expect(schema('ledger_balances')).toMatch(/without rowid/i);

    // New entries continue after the largest id and still move the balances.
    await placeHolds(5, 2, shop.id, buyer.id);
    const after = await h.db.selectFrom('ledger_entries').select('id').orderBy('id').execute();
    expect(after.map((e) => e.id).slice(-4)).toEqual([1, 2, 3, 4].map((k) => before.entries.at(-1)!.id + k));
    expect(await ledger.shopBalance(h.db, shop.id, '2026-11')).toEqual({ held: 50_000, committed: 10_000 });
    expect((await ledger.verify(h.db)).ok).toBe(true);
    await expect(h.db.deleteFrom('ledger_entries').execute()).rejects.toThrow(/append-only/);
    await expect(h.db.updateTable('ledger_entries').set({ amount: 1 }).execute()).rejects.toThrow(/append-only/);
  });

  it('goes down to the tables of 0006 with the same rows', async () => {
    const m = migrator(h);
    expect((await m.migrateToLatest()).error).toBeUndefined();
    const shop = await makeShop(h.db);
    const buyer = await makeBuyer(h.db);
    await placeHolds(0, 3, shop.id, buyer.id);
    const before = await snapshot();
    expect((await m.migrateTo('0006_order_requests')).error).toBeUndefined();
    expect(await snapshot()).toEqual(before);
    await placeHolds(3, 1, shop.id, buyer.id);
    expect((await ledger.verify(h.db)).ok).toBe(true);
    expect(await ledger.buyerBalance(h.db, buyer.id, '2026-11')).toEqual({ held: 40_000, committed: 0 });
  });
});
