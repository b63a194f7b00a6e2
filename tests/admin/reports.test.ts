import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { makeAgency, makeBuyer, makeProduct, makeQuotaRule, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, orderTo } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

describe('reports', () => {
  it('counts an ASN as meeting the quota only on completed spending, per OPD', async () => {
    const w = await adminWorld(t.db);
    await makeQuotaRule(t.db, { positionClass: 'staf', min: 100_000 });
    const opd = await makeAgency(t.db, { code: 'DINKES', name: 'Dinas Kesehatan' });
    const [met, held, none] = [
      await makeBuyer(t.db, { agencyId: opd.id }),
      await makeBuyer(t.db, { agencyId: opd.id }),
      await makeBuyer(t.db, { agencyId: opd.id }),
    ];
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id, { price: 50_000 });
    await orderTo(w, { buyerId: met.id, shopId: shop.id, productId: product.id, quantity: 2 }, 'completed');
    await orderTo(w, { buyerId: held.id, shopId: shop.id, productId: product.id, quantity: 3 }, 'reserved');
    const res = (await (await w.asViewer('/api/reports/compliance?month=2026-11')).json()) as {
      agencies: { agencyCode: string; activeAsn: number; metQuota: number; belowQuota: number; committed: number }[];
    };
    expect(res.agencies.find((a) => a.agencyCode === 'DINKES')).toEqual(
      expect.objectContaining({ activeAsn: 3, metQuota: 1, belowQuota: 2, committed: 100_000 }),
    );
    const below = (await (
      await w.asViewer(`/api/reports/compliance/buyers?month=2026-11&agencyId=${opd.id}&below=1`)
    ).json()) as { buyers: { buyerId: number; shortfall: number }[] };
    expect(below.buyers.map((b) => b.buyerId).sort()).toEqual([held.id, none.id].sort());
    expect(below.buyers.every((b) => b.shortfall === 100_000)).toBe(true);
    // Another month has nothing.
    const dec = (await (await w.asViewer('/api/reports/compliance?month=2026-12')).json()) as {
      agencies: { agencyCode: string; metQuota: number }[];
    };
    expect(dec.agencies.find((a) => a.agencyCode === 'DINKES')!.metQuota).toBe(0);
  });

  it('finds shops at 80% of their cap or more, counting held and committed, against the override or the setting', async () => {
    const w = await adminWorld(t.db);
    const buyer = await makeBuyer(t.db);
    const small = await makeShop(t.db, { capOverride: 200_000 });
    const under = await makeShop(t.db, { capOverride: 200_000 });
    const general = await makeShop(t.db);
    const p1 = await makeProduct(t.db, small.id, { price: 80_000 });
    const p2 = await makeProduct(t.db, under.id, { price: 150_000 });
    const p3 = await makeProduct(t.db, general.id, { price: 90_000 });
    await orderTo(w, { buyerId: buyer.id, shopId: small.id, productId: p1.id }, 'completed');
    await orderTo(w, { buyerId: buyer.id, shopId: small.id, productId: p1.id }, 'reserved'); // 160k of 200k
    await orderTo(w, { buyerId: buyer.id, shopId: under.id, productId: p2.id }, 'completed'); // 150k of 200k
    await orderTo(w, { buyerId: buyer.id, shopId: general.id, productId: p3.id }, 'completed');
    await w.settings.set('shop_monthly_cap', 100_000, 'test'); // general: 90k of 100k
    const res = (await (await w.asViewer('/api/reports/near-cap?month=2026-11')).json()) as {
      shops: { shopId: number; held: number; committed: number; cap: number }[];
    };
    expect(res.shops.map((s) => s.shopId)).toEqual([general.id, small.id]);
    expect(res.shops[1]).toMatchObject({ held: 80_000, committed: 80_000, cap: 200_000 });
  });

  it('sums turnover from commit entries on shop accounts only, and shops helped from completed orders', async () => {
    const w = await adminWorld(t.db);
    const buyer = await makeBuyer(t.db);
    const [s1, s2] = [await makeShop(t.db), await makeShop(t.db)];
    const [p1, p2] = [
      await makeProduct(t.db, s1.id, { price: 30_000 }),
      await makeProduct(t.db, s2.id, { price: 70_000 }),
    ];
    await orderTo(w, { buyerId: buyer.id, shopId: s1.id, productId: p1.id, quantity: 2 }, 'completed');
    await orderTo(w, { buyerId: buyer.id, shopId: s2.id, productId: p2.id }, 'rejected');
    await orderTo(w, { buyerId: buyer.id, shopId: s2.id, productId: p2.id }, 'reserved');
    const o = (await (await w.asViewer('/api/reports/overview?month=2026-11')).json()) as Record<string, unknown>;
    expect(o).toMatchObject({
      turnover: 60_000,
      asnShopped: 1,
      shopsHelped: 1,
      avgRevenuePerHelpedShop: 60_000,
      ordersByStatus: expect.objectContaining({ completed: 1, rejected: 1, reserved: 1 }),
    });
  });

  it('exports shop revenue as CSV and compliance as XLSX, as attachments', async () => {
    const w = await adminWorld(t.db);
    const buyer = await makeBuyer(t.db);
    const shop = await makeShop(t.db);
    await t.db.updateTable('shops').set({ name: '=HYPERLINK("http://x")' }).where('id', '=', shop.id).execute();
    const p = await makeProduct(t.db, shop.id, { price: 25_000 });
    await orderTo(w, { buyerId: buyer.id, shopId: shop.id, productId: p.id, quantity: 4 }, 'completed');
    const csv = await w.asViewer('/api/exports/shop-revenue.csv?month=2026-11');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="pendapatan-toko-2026-11.csv"');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so that Excel reads UTF-8
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.split('\r\n')[0]).toBe(
      'Kode toko,Toko,Kecamatan,Status,Pendapatan (Rp),Ditahan (Rp),Batas bulanan (Rp)',
    );
    expect(text).toContain(`${shop.code},"'=HYPERLINK(""http://x"")"`); // neutralised formula
    expect(text).toContain(',100000,0,30000000');
    const xlsx = await w.asViewer('/api/exports/compliance.xlsx?month=2026-11');
    expect(xlsx.headers.get('content-disposition')).toMatch(/attachment; filename="kepatuhan-2026-11.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(6).value).toBe(100_000);
    expect((await w.asViewer('/api/exports/nope.pdf')).status).toBe(404);
  });
});
