import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabaseAt, type OpenedDatabase } from '../../src/db/open.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { domainServices } from '../support/services.js';
import { createPgTestDb } from '../support/postgres.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let t: TestDb;
const dropAfter: (() => Promise<void>)[] = [];
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
  for (const drop of dropAfter.splice(0)) await drop();
});

/** An empty database to restore into: a new file on SQLite, a new (unmigrated) database on PostgreSQL. */
async function emptyTarget(): Promise<{ env: Record<string, string>; open(): OpenedDatabase }> {
  if (t.dialect === 'postgres') {
    const pg = await createPgTestDb();
    await pg.close();
    dropAfter.push(pg.cleanup);
    return { env: { DATABASE_URL: pg.url }, open: () => openDatabaseAt(pg.url) };
  }
  const file = join(t.dir, 'restored', 'peken.db');
  return { env: { DATABASE_FILE: file }, open: () => openDatabaseAt(file) };
}

/** Runs the CLI without blocking this process's loop, so that the test can keep writing meanwhile. */
function peken(
  db: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...db, DATA_DIR: t.dir },
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

describe('peken backup and restore (SQLite online backup; pg_dump under test:pg)', () => {
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
    const backup = await peken(t.env, 'backup', backupFile);
    writing = false;
    await writer;
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(
      t.dialect === 'postgres'
        ? /backup written: .*copy\.db \(pg_dump custom format, \d+ bytes\)/
        : /backup written: .*copy\.db \(\d+ pages, \d+ bytes, integrity ok\)/,
    );
    expect(written).toBeGreaterThan(0);

    const target = await emptyTarget();
    const restore = await peken(target.env, 'restore', backupFile);
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.out).toContain('ledger OK');

    const restored = target.open();
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
    expect((await peken(t.env, 'backup', backupFile)).code).toBe(0);
    await placeAndHold(s, buyer.id, shop.id, product.id); // the live database moves on after the backup

    const r = await peken(t.env, 'restore', backupFile);
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
    const again = await peken(t.env, 'backup', taken);
    expect(again.code).toBe(1);
    expect(again.err).toContain('exists already');
    expect(readFileSync(taken, 'utf8')).toBe('keep me');
    expect((await peken(t.env, 'backup', join(t.dir, 'no', 'such', 'folder.db'))).err).toContain('create it first');

    const junk = join(t.dir, 'junk.db');
    writeFileSync(junk, 'this is not a backup at all, just some text that is long enough to look like a header....');
    const bad = await peken((await emptyTarget()).env, 'restore', junk);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(
      t.dialect === 'postgres' ? /pg_restore failed \(exit 1\): .*input file/ : /is not a sound SQLite database/,
    );

    expect((await peken(t.env, 'backup')).code).toBe(2);
    expect((await peken(t.env, 'restore')).code).toBe(2);
  }, 180_000); // six CLI runs, each a fresh node process: slow on a loaded machine
});
