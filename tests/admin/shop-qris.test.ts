import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportError } from '../../src/shared/csv.js';
import { importShops } from '../../src/shops/shop-import.js';
import { makeShop } from '../support/fixtures.js';
import { staticQris, withBadCrc } from '../support/qris-fixture.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, json, signInDashboard } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const qrisOf = async (shopId: number) =>
  (await t.db.selectFrom('shops').select('qris').where('id', '=', shopId).executeTakeFirstOrThrow()).qris;
const qrisAudit = () =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', 'shop.qris').orderBy('id').execute();

describe("admins set a shop's QRIS", () => {
  it('by API: a good one is stored and audited with who it pays; a bad CRC or a URL is 422 and changes nothing; a viewer may not', async () => {
    const w = await adminWorld(t.db);
    const shop = await makeShop(t.db);
    const good = staticQris({ name: 'KOPERASI MAJU', city: 'SURABAYA' });
    const ok = await w.asAdmin(`/api/shops/${shop.id}/qris`, { method: 'PUT', ...json({ qris: good }) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ qris: { merchantName: 'KOPERASI MAJU', merchantCity: 'SURABAYA' } });
    expect(await qrisOf(shop.id)).toBe(good);
    for (const bad of [withBadCrc(good), 'https://example.com/bayar']) {
      const res = await w.asAdmin(`/api/shops/${shop.id}/qris`, { method: 'PUT', ...json({ qris: bad }) });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/qris: /);
    }
    expect((await w.asViewer(`/api/shops/${shop.id}/qris`, { method: 'PUT', ...json({ qris: null }) })).status).toBe(
      403,
    );
    expect(await qrisOf(shop.id)).toBe(good);
    const audit = await qrisAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toContain('kantor kota');
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ merchantName: 'KOPERASI MAJU' });
    // null clears it, audited too.
    expect((await w.asAdmin(`/api/shops/${shop.id}/qris`, { method: 'PUT', ...json({ qris: null }) })).status).toBe(
      200,
    );
    expect(await qrisOf(shop.id)).toBeNull();
    expect(await qrisAudit()).toHaveLength(2);
  });

  it('on the dashboard shop page: the form stores it, the page shows merchant and city', async () => {
    const w = await adminWorld(t.db);
    const shop = await makeShop(t.db);
    const d = await signInDashboard(w, w.people.admin.phone);
    const before = await (await d.get(`/dashboard/shops/${shop.id}`)).text();
    expect(before).toContain('id="qris-form"');
    const res = await d.post(`/dashboard/shops/${shop.id}/qris`, {
      qris: staticQris({ name: 'WARUNG SARI', city: 'SURABAYA' }),
    });
    expect(res.status).toBe(303);
    const after = await (await d.get(`/dashboard/shops/${shop.id}`)).text();
    expect(after).toMatch(/id="qris">WARUNG SARI, SURABAYA/);
    const bad = await d.post(`/dashboard/shops/${shop.id}/qris`, { qris: withBadCrc(staticQris()) });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(await qrisOf(shop.id)).toBe(staticQris({ name: 'WARUNG SARI', city: 'SURABAYA' }));
  });

  it('by the shop CSV: a qris column, checked per row with line and reason; an empty cell keeps the stored one', async () => {
    const header = 'code,name,kind,kelurahan,address,owner_name,owner_phone,payment_instructions,qris';
    const props = { actor: 'cli', at: '2026-12-01T00:00:00.000Z' };
    const bad = [
      header,
      `TK-A,Toko A,kelontong,35.78.07.1003,Jl. A 1,Bu A,081234560001,,${staticQris()}`,
      `TK-B,Toko B,kelontong,35.78.07.1003,Jl. B 2,Bu B,081234560002,,${withBadCrc(staticQris())}`,
    ].join('\n');
    const error = (await importShops(t.db, bad, props).catch((e: unknown) => e)) as ImportError;
    expect(error.rows).toEqual([{ line: 3, reason: expect.stringMatching(/^qris: CRC/) }]);
    expect(await t.db.selectFrom('shops').selectAll().execute()).toHaveLength(0);

    const good = [
      header,
      `TK-A,Toko A,kelontong,35.78.07.1003,Jl. A 1,Bu A,081234560001,,${staticQris({ name: 'TOKO A' })}`,
    ].join('\n');
    expect(await importShops(t.db, good, props)).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const shop = await t.db
      .selectFrom('shops')
      .select(['id', 'qris'])
      .where('code', '=', 'TK-A')
      .executeTakeFirstOrThrow();
    expect(shop.qris).toBe(staticQris({ name: 'TOKO A' }));
    expect(await qrisAudit()).toHaveLength(1);
    // Re-imported without a QRIS: the stored one stays; the same file again changes nothing.
    const empty = [header, 'TK-A,Toko A,kelontong,35.78.07.1003,Jl. A 1,Bu A,081234560001,,'].join('\n');
    expect(await importShops(t.db, empty, props)).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await importShops(t.db, good, props)).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await qrisOf(shop.id)).toBe(staticQris({ name: 'TOKO A' }));
    expect(await qrisAudit()).toHaveLength(1);
  });
});
