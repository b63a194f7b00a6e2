import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { domainServices } from '../support/services.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

/** Runs the CLI without blocking this process's loop, so that the test can keep writing meanwhile. */
function peken(databaseFile: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_FILE: databaseFile, DATA_DIR: t.dir },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

async function placeAndHold(s: ReturnType<typeof domainServices>, buyerId: number, shopId: number, productId: number) {
  const o = await s.orders.place({ buyerId, shopId, items: [{ productId, quantity: 1 }], fulfilment: 'pickup' });
  await s.orders.reserve(o.id);
}

describe('peken backup and restore (SQLite)', () => {
  it('backs up while orders keep being written, and the restore into an empty database verifies', async () => {
    const s = domainServices(t.db);
    const buyer = await makeBuyer(t.db);
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id, { price: 10_000, stock: 10_000 });
    for (let i = 0; i < 20; i++) await placeAndHold(s, buyer.id, shop.id, product.id);

    // Orders go on being placed and held in this process while the CLI copies from its own connection.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await placeAndHold(s, buyer.id, shop.id, product.id);
        written++;
      }
    })();
    const backupFile = join(t.dir, 'copy.db');
    const backup = await peken(t.file, 'backup', backupFile);
    writing = false;
    await writer;
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/backup written: .*copy\.db \(\d+ pages, \d+ bytes, integrity ok\)/);
    expect(written).toBeGreaterThan(0);

    const target = join(t.dir, 'restored', 'peken.db');
    const restore = await peken(target, 'restore', backupFile);
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.out).toContain('ledger OK');

    const restored = openDatabase({ file: target });
    try {
      const orders = await restored.db
        .selectFrom('orders')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      // A consistent snapshot: at least what was there before the copy began, at most what exists now.
      expect(orders.n).toBeGreaterThanOrEqual(20);
      expect(orders.n).toBeLessThanOrEqual(20 + written);
      const balance = await restored.db
        .selectFrom('ledger_balances')
        .select((e) => e.fn.sum<number>('held').as('held'))
        .where('account', '=', `shop:${shop.id}`)
        .executeTakeFirstOrThrow();
      // Placing and holding are two transactions: the snapshot may hold an order placed but not yet reserved,
      // never a hold without its order or an order reserved without its hold.
      const reserved = await restored.db
        .selectFrom('orders')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('status', '=', 'reserved')
        .executeTakeFirstOrThrow();
      expect(orders.n - reserved.n).toBeLessThanOrEqual(1);
      expect(balance.held).toBe(reserved.n * 10_000);
    } finally {
      await restored.close();
    }
  });

  it('refuses to restore over a database in use, and leaves it as it was', async () => {
    const s = domainServices(t.db);
    const buyer = await makeBuyer(t.db);
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id, { price: 10_000 });
    await placeAndHold(s, buyer.id, shop.id, product.id);
    const backupFile = join(t.dir, 'copy.db');
    expect((await peken(t.file, 'backup', backupFile)).code).toBe(0);
    await placeAndHold(s, buyer.id, shop.id, product.id); // the live database moves on after the backup

    const r = await peken(t.file, 'restore', backupFile);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /is not empty \(buyers, shops, orders, ledger_entries\): restore only into an empty database/,
    );
    const n = await t.db
      .selectFrom('orders')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(n.n).toBe(2);
  });

  it('refuses an existing backup file, a file that is not a database, and a missing argument', async () => {
    const taken = join(t.dir, 'taken.db');
    writeFileSync(taken, 'keep me');
    const again = await peken(t.file, 'backup', taken);
    expect(again.code).toBe(1);
    expect(again.err).toContain('exists already');
    expect(readFileSync(taken, 'utf8')).toBe('keep me');
    expect((await peken(t.file, 'backup', join(t.dir, 'no', 'such', 'folder.db'))).err).toContain('create it first');

    const junk = join(t.dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite at all, just some text that is long enough to look like a header....');
    const target = join(t.dir, 'fresh', 'peken.db');
    const bad = await peken(target, 'restore', junk);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/is not a sound SQLite database/);

    expect((await peken(t.file, 'backup')).code).toBe(2);
    expect((await peken(t.file, 'restore')).code).toBe(2);
  });
});
