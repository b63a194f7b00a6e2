import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveOnLoopback } from '../support/browser.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, orderTo } from '../admin/support.js';
import { signInOnPage } from '../support/admin-sign-in.js';

let t: TestDb;
let server: Awaited<ReturnType<typeof serveOnLoopback>> | undefined;
let browser: Browser;
let viewerPhone: string;
let codes: Map<string, string>;

beforeAll(async () => {
  t = await createTestDb();
  const w = await adminWorld(t.db);
  viewerPhone = w.people.viewer.phone;
  codes = w.codes;
  // Four shops: one earns a lot, one a little, two nothing (one of them with a linked chat).
  const buyer = await makeBuyer(t.db);
  const shops = [
    await makeShop(t.db),
    await makeShop(t.db),
    await makeShop(t.db, { linked: true }),
    await makeShop(t.db),
  ];
  const rich = await makeProduct(t.db, shops[0]!.id, { price: 400_000 });
  const poor = await makeProduct(t.db, shops[1]!.id, { price: 50_000 });
  await orderTo(w, { buyerId: buyer.id, shopId: shops[0]!.id, productId: rich.id, quantity: 2 }, 'completed');
  await orderTo(w, { buyerId: buyer.id, shopId: shops[1]!.id, productId: poor.id }, 'completed');
  server = await serveOnLoopback(w.app as unknown as { fetch: (r: Request) => Promise<Response> });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.cleanup();
});

describe('the Pemerataan page in a browser', () => {
  it('shows the Gini, draws the Lorenz curve below the diagonal, lists the shops with no order and the trend', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server!.base}/dashboard/spread?month=2026-11`);
    await signInOnPage(page, viewerPhone, async () => codes.get(viewerPhone)!);
    await page.waitForURL(/\/dashboard\/spread/);
    // Revenues 0, 0, 50,000, 800,000 over four shops: Gini = Σ|xi - xj| / (2 n² mean).
    const xs = [0, 0, 50_000, 800_000];
    const mean = xs.reduce((a, b) => a + b) / xs.length;
    const expected =
      xs.flatMap((a) => xs.map((b) => Math.abs(a - b))).reduce((a, b) => a + b) / (2 * xs.length ** 2 * mean);
    expect(Number(await page.locator('#gini').getAttribute('data-gini'))).toBeCloseTo(expected, 4);
    expect(await page.locator('#gini').innerText()).toBe(expected.toFixed(3).replace('.', ','));
    // The curve as the browser lays it out: it starts at the bottom left, ends at the top right, and sags.
    const curve = page.locator('svg.lorenz polyline.curve');
    expect(await curve.isVisible()).toBe(true);
    const pts = await curve.evaluate((el) => Array.from((el as SVGPolylineElement).points).map((p) => [p.x, p.y]));
    expect(pts).toHaveLength(5);
    const box = await page.locator('svg.lorenz line.equality').evaluate((el) => ({
      x1: Number(el.getAttribute('x1')),
      y1: Number(el.getAttribute('y1')),
      x2: Number(el.getAttribute('x2')),
      y2: Number(el.getAttribute('y2')),
    }));
    expect(pts[0]).toEqual([box.x1, box.y1]);
    expect(pts[4]).toEqual([box.x2, box.y2]);
    // Half the shops hold nothing: at x = 50 % the curve is still on the bottom line, far under the diagonal.
    expect(pts[2]![1]).toBeCloseTo(box.y1, 1);
    // Two shops with no order this month; the one with a chat is reachable.
    expect(await page.locator('#no-order tbody tr').count()).toBe(2);
    expect(await page.locator('#no-order tr[data-reachable="1"]').count()).toBe(1);
    expect(await page.locator('#no-order tr[data-reachable="0"] td.bad').innerText()).toContain('tidak');
    // Day by day up to today (10 November): one bar per day.
    expect(await page.locator('svg.chart rect.bar').count()).toBe(10);
    // Nothing from another origin: the page needs no CDN.
    const external = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => !n.startsWith(location.origin)),
    );
    expect(external).toEqual([]);
  });
});
