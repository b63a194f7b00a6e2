import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

function peken(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...t.env, DATA_DIR: t.dir },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('peken CLI', () => {
  it('ledger verify passes on a consistent ledger and exits 1 naming the account when a balance differs', async () => {
    const s = domainServices(t.db);
    const buyer = await makeBuyer(t.db);
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id, { price: 50_000 });
    const o = await s.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await s.orders.reserve(o.id);
    const ok = peken('ledger', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('ledger OK');
    // A balance that no entry backs: what verify exists to catch.
    await t.db.updateTable('ledger_balances').set({ held: 1 }).where('account', '=', `shop:${shop.id}`).execute();
    const bad = peken('ledger', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(
      new RegExp(
        `MISMATCH shop:${shop.id} \\d{4}-\\d{2}: stored \\{"held":1,"committed":0\\} vs entries \\{"held":50000,"committed":0\\}`,
      ),
    );
  });

  it('settings set validates, and a bad value changes nothing', async () => {
    expect(peken('settings', 'set', 'shop_monthly_cap', '25000000').code).toBe(0);
    const bad = peken('settings', 'set', 'shop_monthly_cap', '-5');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/setting shop_monthly_cap: .*expected number to be >0/);
    expect(peken('settings', 'set', 'no_such_thing', '1').err).toMatch(/unknown setting no_such_thing/);
    expect(peken('settings', 'get', 'shop_monthly_cap').out.trim()).toBe('shop_monthly_cap = 25000000');
  });

  it('quota set changes a minimum from a later month, refuses a past month, and list shows it scheduled', async () => {
    await t.db
      .insertInto('quota_rules')
      .values({ position_class: 'staf', label: 'Staf', min_monthly: 500_000 })
      .execute();
    const past = peken('quota', 'set', 'staf', '900000', '--from', '2020-01');
    expect(past.code).toBe(1);
    expect(past.err).toMatch(/2020-01 sudah lewat/);
    const ok = peken('quota', 'set', 'staf', '900.000', '--from', '2099-01');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/staf\s+Rp\s500\.000\s+Staf\s+\(from 2099-01: Rp\s900\.000\)/);
    expect(peken('quota', 'list', '2099-02').out).toMatch(/staf\s+Rp\s900\.000/);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'quota_rule.change').execute();
    expect(audit.map((a) => a.actor)).toEqual(['cli']);
  });

  it('imports a roster file, and the same file again changes nothing', () => {
    const file = join(t.dir, 'roster.csv');
    writeFileSync(
      file,
      'nip,name,phone,agency_code,agency_name,position_class,domicile_kelurahan,office_kelurahan\n198001012005011001,Siti,081234567001,DINKES,Dinas Kesehatan,pelaksana,Kapasari,Genteng\n',
    );
    expect(peken('import', 'roster', file).out).toContain('roster: 1 added, 0 updated, 0 unchanged');
    expect(peken('import', 'roster', file).out).toContain('roster: 0 added, 0 updated, 1 unchanged');
    writeFileSync(
      file,
      'nip,name,phone,agency_code,agency_name,position_class,domicile_kelurahan,office_kelurahan\n1,Siti,081234567001,DINKES,,pelaksana,Kapasari,Genteng\n',
    );
    const bad = peken('import', 'roster', file);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/line 2: NIP must be 18 digits/);
  });

  it('answers an unknown command and a missing argument with usage and exit code 2', () => {
    expect(peken('frobnicate').code).toBe(2);
    const r = peken('import');
    expect(r.code).toBe(2);
    expect(r.err).toContain('peken import roster <file.csv>');
  });
});
