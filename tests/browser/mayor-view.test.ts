import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRupiah } from '../../src/shared/money.js';
import { launchChromium, serveOnLoopback } from '../support/browser.js';
import { makeAgency, makeBuyer, makeProduct, makeQuotaRule, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld } from '../admin/support.js';
import { signInOnPage } from '../support/admin-sign-in.js';

/**
 * The mayor's view in headless Chromium, signed in as a viewer: every figure on the page is compared with sums
 * the test makes itself from the ledger's entries.
 */
let t: TestDb;
let server: Awaited<ReturnType<typeof serveOnLoopback>> | undefined;
let browser: Browser;
let base: string;
let viewerPhone: string;
let codes: Map<string, string>;

beforeAll(async () => {
  t = await createTestDb();
  const w = await adminWorld(t.db);
  viewerPhone = w.people.viewer.phone;
  codes = w.codes;
  await makeQuotaRule(t.db, { positionClass: 'staf', min: 100_000 });
  const opds = [
    await makeAgency(t.db, { name: 'Dinas Koperasi' }),
    await makeAgency(t.db, { name: 'Dinas Kesehatan' }),
    await makeAgency(t.db, { name: 'Bappeda' }),
  ];
  const buyers = [];
  for (const [i, o] of opds.entries())
    for (let k = 0; k <= i; k++) buyers.push(await makeBuyer(t.db, { agencyId: o.id }));
  const shops = [
    await makeShop(t.db),
    await makeShop(t.db),
    await makeShop(t.db, { capOverride: 150_000 }),
    await makeShop(t.db),
  ];
  const products = [];
  for (const s of shops) products.push(await makeProduct(t.db, s.id, { price: 50_000 }));
  const shop = (shopId: number) => ({ kind: 'shop', shopId }) as const;
  // [buyer, shop, quantity, placed at (UTC), completed at (UTC)]: days 3, 4 (late UTC on the 3rd), 15, and the
  // last evening of the month (1 December in WIB, shown on the 30th).
  const plan: Array<[number, number, number, string, string]> = [
    [0, 0, 2, '2026-11-03T02:00:00Z', '2026-11-03T05:00:00Z'],
    [1, 1, 1, '2026-11-03T03:00:00Z', '2026-11-03T18:30:00Z'],
    [2, 2, 3, '2026-11-15T03:00:00Z', '2026-11-15T04:00:00Z'],
    [3, 0, 1, '2026-11-15T03:30:00Z', '2026-11-15T06:00:00Z'],
    [4, 1, 3, '2026-11-30T03:00:00Z', '2026-11-30T17:30:00Z'],
    [5, 0, 1, '2026-11-30T04:00:00Z', '2026-11-30T05:00:00Z'],
  ];
  for (const [b, s, q, placed, done] of plan) {
    w.clock.set(placed);
    const o = await w.orders.place({
      buyerId: buyers[b]!.id,
      shopId: shops[s]!.id,
      items: [{ productId: products[s]!.id, quantity: q }],
      fulfilment: 'pickup',
    });
    await w.orders.reserve(o.id);
    await w.orders.accept(o.id, shop(shops[s]!.id));
    await w.orders.markDelivered(o.id, shop(shops[s]!.id));
    w.clock.set(done);
    await w.orders.confirmPaid(o.id, shop(shops[s]!.id));
  }
  // One still held: it counts in no figure of the view.
  w.clock.set('2026-11-20T03:00:00Z');
  const held = await w.orders.place({
    buyerId: buyers[1]!.id,
    shopId: shops[3]!.id,
    items: [{ productId: products[3]!.id, quantity: 5 }],
    fulfilment: 'pickup',
  });
  await w.orders.reserve(held.id);
  server = await serveOnLoopback(w.app as unknown as { fetch: (r: Request) => Promise<Response> });
  base = server.base;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.cleanup();
});

async function signedInAsViewer(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/dashboard/mayor?month=2026-11`);
  expect(page.url()).toContain('/login');
  await signInOnPage(page, viewerPhone, async () => codes.get(viewerPhone)!);
  await page.goto(`${base}/dashboard/mayor?month=2026-11`);
  return page;
}

/** The WIB (UTC+7) calendar day of an ISO timestamp: the day an entry counts on. */
const wibDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);
/** A WIB day outside November counts on its edge (the order's period is November). */
const clamp = (d: string) => (d > '2026-11-30' ? '2026-11-30' : d < '2026-11-01' ? '2026-11-01' : d);

describe('the mayor’s view in a browser', () => {
  it('shows turnover and compliance day by day, top and bottom OPD and shops by revenue band, equal to the ledger, read-only', async () => {
    const page = await signedInAsViewer();
    const commits = (
      await t.all<{ account: string; amount: number; created_at: string; code: string }>(`
      select le.account, le.amount, le.created_at, a.code from ledger_entries le
      join orders o on o.id = le.order_id join buyers b on b.id = o.buyer_id join agencies a on a.id = b.agency_id
      where le.period = '2026-11' and le.kind = 'commit'`)
    ).map((c) => ({ ...c, day: wibDay(c.created_at) }));
    const shopCommits = commits.filter((c) => c.account.startsWith('shop:'));
    const turnover = shopCommits.reduce((a, c) => a + c.amount, 0);
    expect(turnover).toBe(11 * 50_000);

    // Turnover per day: one bar per day of November, each the day's commit entries.
    const bars = await page
      .locator('#turnover-by-day rect.day')
      .evaluateAll((els) =>
        els.map((e) => ({ day: e.getAttribute('data-day')!, value: Number(e.getAttribute('data-value')) })),
      );
    expect(bars).toHaveLength(30);
    const byDay = new Map<string, number>();
    for (const c of shopCommits) byDay.set(clamp(c.day), (byDay.get(clamp(c.day)) ?? 0) + c.amount);
    for (const b of bars) expect(b.value, b.day).toBe(byDay.get(b.day) ?? 0);
    expect(byDay.get('2026-11-04')).toBe(50_000); // completed 18:30 UTC on the 3rd
    expect(byDay.get('2026-11-30')).toBe(4 * 50_000); // one of them on 1 December in WIB
    expect(await page.locator('[data-metric=mayor-turnover] .value').innerText()).toBe(formatRupiah(turnover));

    // Compliance: ASN whose commit entries reached the 100,000 quota by the end of each day.
    const buyerCommits = commits.filter((c) => c.account.startsWith('buyer:'));
    const points = await page
      .locator('#compliance-by-day circle.day')
      .evaluateAll((els) =>
        els.map((e) => ({ day: e.getAttribute('data-day')!, value: Number(e.getAttribute('data-value')) })),
      );
    expect(points).toHaveLength(30);
    for (const p of points) {
      const sums = new Map<string, number>();
      for (const c of buyerCommits)
        if (clamp(c.day) <= p.day) sums.set(c.account, (sums.get(c.account) ?? 0) + c.amount);
      expect(p.value, p.day).toBe([...sums.values()].filter((v) => v >= 100_000).length);
    }
    const active = (await t.one<{ n: number }>('select count(*) as n from buyers where active = 1'))!.n;
    expect(await page.locator('[data-metric=mayor-compliance] .value').innerText()).toBe(
      `${points.at(-1)!.value} / ${active}`,
    );
    expect(points.at(-1)!.value).toBe(3);

    // OPD: the top is the one with the highest share at quota, each row's spending the ledger's.
    const spentByOpd = new Map<string, number>();
    for (const c of buyerCommits) spentByOpd.set(c.code, (spentByOpd.get(c.code) ?? 0) + c.amount);
    const top = await page.locator('#top-opd tbody tr').evaluateAll((els) =>
      els.map((e) => ({
        code: e.getAttribute('data-agency')!,
        met: Number(e.getAttribute('data-met')),
        committed: Number(e.getAttribute('data-committed')),
      })),
    );
    expect(top.length).toBe(3);
    for (const r of top) expect(r.committed, r.code).toBe(spentByOpd.get(r.code) ?? 0);
    const opdCodes = await t.all<{ code: string; name: string }>('select code, name from agencies order by id');
    // Dinas Koperasi: 1 of 1 ASN at quota; Bappeda 1 of 3 (the lowest share).
    expect(top[0]!.code).toBe(opdCodes[0]!.code);
    expect(await page.locator('#bottom-opd tbody tr').first().getAttribute('data-agency')).toBe(opdCodes[2]!.code);

    // Shops by revenue band: every shop in one band, the bands' revenue the month's turnover.
    const bands = await page.locator('#revenue-bands tbody tr').evaluateAll((els) =>
      els.map((e) => ({
        shops: Number(e.getAttribute('data-shops')),
        revenue: Number(e.getAttribute('data-revenue')),
      })),
    );
    expect(bands.reduce((a, b) => a + b.revenue, 0)).toBe(turnover);
    expect(bands.reduce((a, b) => a + b.shops, 0)).toBe(
      (await t.one<{ n: number }>('select count(*) as n from shops'))!.n,
    );
    expect(bands[0]!.shops).toBe(1); // the shop with only a held order
    expect(bands.at(-1)!).toEqual({ shops: 1, revenue: 150_000 }); // the shop at its 150,000 cap

    // Read-only: the viewer's page has no form that writes (only the month filter and sign-out).
    expect(await page.locator('form[method=post]:not([action="/logout"])').count()).toBe(0);
  });
});
