import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBuyers, listShops } from '../../src/admin/directory.repository.js';
import { makeBuyer, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

// The admins' search ignores case on both databases: SQLite's LIKE folds ASCII case, PostgreSQL's does not.

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

describe('searching the directory', () => {
  it('finds buyers and shops by name whatever the case typed', async () => {
    const siti = await makeBuyer(t.db);
    await t.db.updateTable('buyers').set({ name: 'Siti Aminah' }).where('id', '=', siti.id).execute();
    const shop = await makeShop(t.db);
    await t.db.updateTable('shops').set({ name: 'Toko Berkah', code: 'TKBERKAH' }).where('id', '=', shop.id).execute();
    const page = { period: '2026-11', limit: 10, offset: 0 };

    expect((await listBuyers(t.db, { ...page, q: 'siti' })).map((b) => b.name)).toEqual(['Siti Aminah']);
    expect((await listBuyers(t.db, { ...page, q: 'AMINAH' })).map((b) => b.name)).toEqual(['Siti Aminah']);
    const shops = (q: string) => listShops(t.db, { ...page, q, defaultCap: 30_000_000 });
    expect((await shops('berkah')).map((s) => s.name)).toEqual(['Toko Berkah']);
    expect((await shops('tkberkah')).map((s) => s.name)).toEqual(['Toko Berkah']);
  });
});
