import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveOnLoopback } from '../support/browser.js';
import { formatRupiah } from '../../src/shared/money.js';
import { makeAgency, makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, orderTo } from '../admin/support.js';
import { signInOnPage } from '../support/admin-sign-in.js';

let t: TestDb;
let server: Awaited<ReturnType<typeof serveOnLoopback>> | undefined;
let browser: Browser;
let base: string;
let w: Awaited<ReturnType<typeof adminWorld>>;

beforeAll(async () => {
  t = await createTestDb();
  // Each test signs in afresh on one test clock that does not move: more codes than one person asks for in 15 minutes.
  w = await adminWorld(t.db, { loginLimits: { codesPerPhone: 50 } });
  // Two OPDs, four shops, a mix of completed, open and rejected orders in November 2026.
  const [a1, a2] = [
    await makeAgency(t.db, { name: 'Dinas Koperasi' }),
    await makeAgency(t.db, { name: 'Dinas Kesehatan' }),
  ];
  const buyers = [
    await makeBuyer(t.db, { agencyId: a1.id }),
    await makeBuyer(t.db, { agencyId: a1.id }),
    await makeBuyer(t.db, { agencyId: a2.id }),
    await makeBuyer(t.db, { agencyId: a2.id }),
  ];
  const shops = [
    await makeShop(t.db),
    await makeShop(t.db),
    await makeShop(t.db, { kelurahan: '35.78.07.1001' }),
    await makeShop(t.db, { capOverride: 100_000 }),
  ];
  const products = [];
  for (const s of shops) products.push(await makeProduct(t.db, s.id, { price: 45_000 }));
  const plan: Array<[number, number, number, 'completed' | 'reserved' | 'rejected' | 'submitted']> = [
    [0, 0, 2, 'completed'],
    [1, 0, 1, 'completed'],
    [2, 1, 3, 'completed'],
    [0, 2, 1, 'completed'],
    [1, 1, 1, 'reserved'],
    [3, 2, 2, 'rejected'],
    [2, 3, 2, 'reserved'],
    [3, 0, 1, 'submitted'],
  ];
  for (const [b, s, q, to] of plan) {
    await orderTo(w, { buyerId: buyers[b]!.id, shopId: shops[s]!.id, productId: products[s]!.id, quantity: q }, to);
  }
  server = await serveOnLoopback(w.app as unknown as { fetch: (r: Request) => Promise<Response> });
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.cleanup();
});

async function signedIn(): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.goto(`${base}/dashboard?month=2026-11`);
  expect(page.url()).toContain('/login');
  await signInOnPage(page, w.people.admin.phone, async () => w.codes.get(w.people.admin.phone)!);
  return page;
}

/** The one number `v` of a query of the test's own. */
const value = async (sql: string) => (await t.one<{ v: number }>(sql))!.v;

describe('dashboard in a browser', () => {
  it('signs in and shows overview numbers equal to what the ledger and the orders hold', async () => {
    const page = await signedIn();
    await page.goto(`${base}/dashboard?month=2026-11`);
    const turnover = await value(
      `select coalesce(sum(amount),0) v from ledger_entries where period='2026-11' and kind='commit' and account like 'shop:%'`,
    );
    const asn = await value(
      `select count(distinct buyer_id) v from orders where period='2026-11' and status='completed'`,
    );
    const active = await value(`select count(*) v from buyers where active=1`);
    const helped = await value(
      `select count(distinct shop_id) v from orders where period='2026-11' and status='completed'`,
    );
    const activeShops = await value(`select count(*) v from shops where status='active'`);
    expect(turnover).toBe(7 * 45_000); // 2 + 1 + 3 + 1 items completed
    const metric = (id: string) => page.locator(`[data-metric=${id}] .value`).innerText();
    expect(await metric('turnover')).toBe(formatRupiah(turnover));
    expect(await metric('asn-shopped')).toBe(`${asn} / ${active}`);
    expect(await metric('shops-helped')).toBe(`${helped} / ${activeShops}`);
    expect(await metric('avg-per-shop')).toBe(formatRupiah(Math.floor(turnover / helped)));
    const byStatus = await t.all<{ status: string; n: number }>(
      `select status, count(*) n from orders where period='2026-11' or status='submitted' group by status`,
    );
    for (const { status, n } of byStatus) {
      expect(await page.locator(`#orders-by-status tr[data-status=${status}] td.num`).innerText()).toBe(String(n));
    }
  });

  it('draws the spending-by-kecamatan chart as SVG with one bar per kecamatan', async () => {
    const page = await signedIn();
    await page.goto(`${base}/dashboard/kecamatan?month=2026-11`);
    const kecamatan = await value('select count(*) v from kecamatan');
    expect(kecamatan).toBe(31);
    expect(await page.locator('svg.chart rect.bar').count()).toBe(kecamatan);
    // The bar of the kecamatan with revenue carries the ledger's number.
    const top = await value(
      `select max(committed) v from ledger_balances where period='2026-11' and account like 'shop:%'`,
    );
    const values = await page
      .locator('svg.chart rect.bar')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(values.reduce((a, b) => a + b, 0)).toBe(7 * 45_000);
    expect(Math.max(...values)).toBeGreaterThanOrEqual(top);
  });

  it('downloads the SPJ export as XLSX with each completed order and its ledger total once', async () => {
    const page = await signedIn();
    await page.goto(`${base}/dashboard/compliance?month=2026-11`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=pesanan untuk SPJ (XLSX)')]);
    expect(download.suggestedFilename()).toBe('spj-2026-11.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const expected = await t.all<{ code: string; total: number }>(
      `select code, total from orders where period='2026-11' and status='completed' order by code`,
    );
    expect(ws.getRow(1).getCell(6).value).toBe('Kode pesanan');
    expect(ws.getRow(1).getCell(15).value).toBe('Total pesanan (Rp)');
    const rows: { code: string; total: number }[] = [];
    // Item lines carry the order code; the order total stands on its first line only.
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(6).value && row.getCell(15).value !== null)
        rows.push({ code: String(row.getCell(6).value), total: Number(row.getCell(15).value) });
    });
    expect(rows.sort((a, b) => a.code.localeCompare(b.code))).toEqual(expected);
  });

  it('lists the shop at its cap among the shops near their cap', async () => {
    const page = await signedIn();
    await page.goto(`${base}/dashboard/near-cap?month=2026-11`);
    const atCap = await t.all<{ code: string }>(
      `select s.code from shops s join ledger_balances b on b.account = 'shop:' || s.id and b.period = '2026-11'
      where (b.held + b.committed) * 5 >= coalesce(s.cap_override, 30000000) * 4`,
    );
    expect(atCap).toHaveLength(1);
    expect(await page.locator('#near-cap tbody tr').count()).toBe(1);
    expect(await page.locator(`#near-cap tr[data-shop="${atCap[0]!.code}"]`).count()).toBe(1);
  });
});
