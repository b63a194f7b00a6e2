import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListingService } from '../../src/shops/listing.service.js';
import { formatRupiah } from '../../src/shared/money.js';
import { launchChromium, serveOnLoopback } from '../support/browser.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld } from '../admin/support.js';
import { signInOnPage } from '../support/admin-sign-in.js';

/**
 * Issue 14's two dashboard pages for what had only an API: a shop's opening hours (admins edit, viewers
 * read) and last month's orders still open with their holds.
 */
const wib = (s: string) => new Date(`${s}+07:00`).toISOString();

let t: TestDb;
let w: Awaited<ReturnType<typeof adminWorld>>;
let server: Awaited<ReturnType<typeof serveOnLoopback>> | undefined;
let browser: Browser;
let base: string;
let shop: Awaited<ReturnType<typeof makeShop>>;
let buyer: Awaited<ReturnType<typeof makeBuyer>>;

beforeAll(async () => {
  t = await createTestDb();
  w = await adminWorld(t.db);
  // October: orders in every state at two shops; then November, when admins look back.
  w.clock.set(wib('2026-10-20T10:00:00'));
  shop = await makeShop(t.db, { linked: true });
  const other = await makeShop(t.db, { linked: true });
  buyer = await makeBuyer(t.db);
  const p1 = await makeProduct(t.db, shop.id, { price: 45_000 });
  const p2 = await makeProduct(t.db, other.id, { price: 12_500 });
  const asShop = (id: number) => ({ kind: 'shop', shopId: id }) as const;
  const place = async (shopId: number, productId: number, quantity: number) => {
    const o = await w.orders.place({
      buyerId: buyer.id,
      shopId,
      items: [{ productId, quantity }],
      fulfilment: 'pickup',
    });
    await w.orders.reserve(o.id);
    return o;
  };
  await place(shop.id, p1.id, 1); // still waiting for the shop
  const accepted = await place(shop.id, p1.id, 2);
  await w.orders.accept(accepted.id, asShop(shop.id));
  const unpaid = await place(other.id, p2.id, 3);
  await w.orders.accept(unpaid.id, asShop(other.id));
  await w.orders.markDelivered(unpaid.id, asShop(other.id));
  await w.orders.flagForReview(unpaid.id, 'payment_overdue');
  const done = await place(shop.id, p1.id, 1);
  await w.orders.accept(done.id, asShop(shop.id));
  await w.orders.markDelivered(done.id, asShop(shop.id));
  await w.orders.confirmPaid(done.id, asShop(shop.id));
  const rejected = await place(other.id, p2.id, 1);
  await w.orders.reject(rejected.id, asShop(other.id), 'stok habis');
  // 10:00 WIB on 10 November: the shops are open (default hours 06:00–21:00); one November order.
  w.clock.set(wib('2026-11-10T10:00:00'));
  await place(shop.id, p1.id, 1);
  server = await serveOnLoopback(w.app as unknown as { fetch: (r: Request) => Promise<Response> });
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.cleanup();
});

async function signedIn(phone: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/login`);
  await signInOnPage(page, phone, async () => w.codes.get(phone)!);
  return page;
}

const listing = () => createListingService({ db: t.db, clock: w.clock, settings: w.settings });
/** What the buyer's listing says about the shop's hours (null: open now). */
const listedHours = async () => (await listing().shopsFor(buyer.id, 0, 50)).items.find((s) => s.id === shop.id)?.hours;
const hoursRow = () =>
  t.db.selectFrom('shops').select(['opens_at', 'closes_at']).where('id', '=', shop.id).executeTakeFirstOrThrow();

describe('opening hours on the dashboard', () => {
  it('an admin edits a shop’s hours from its page: the closed state and the buyers’ listing follow, each change audited; bad hours change nothing', async () => {
    const page = await signedIn(w.people.admin.phone);
    await page.goto(`${base}/dashboard/shops/${shop.id}`);
    await page.click('#hours-link');
    await page.waitForURL(new RegExp(`/dashboard/shops/${shop.id}/hours`));
    expect(await page.locator('#hours-range').innerText()).toBe('06:00–21:00');
    expect(await page.locator('#hours-now [data-state]').getAttribute('data-state')).toBe('open');
    expect(await listedHours()).toBeNull();

    // From 13:00: at 10:00 the shop is outside its hours, listed with its opening time, and takes orders that wait.
    await page.fill('#hours-form input[name=open]', '13:00');
    await page.fill('#hours-form input[name=close]', '20:00');
    await page.click('#hours-form button[type=submit]');
    await page.waitForURL(new RegExp(`/dashboard/shops/${shop.id}/hours$`));
    expect(await page.locator('#hours-range').innerText()).toBe('13:00–20:00');
    expect(await page.locator('#hours-now [data-state]').getAttribute('data-state')).toBe('outside-hours');
    expect(await page.locator('#hours-now').innerText()).toContain('buka lagi 13:00 WIB (2026-11-10)');
    expect(await hoursRow()).toEqual({ opens_at: '13:00', closes_at: '20:00' });
    // Within the next day the listing names no date.
    expect(await listedHours()).toEqual({ closed: false, reopens: { time: '13:00', date: '' } });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor', 'after'])
      .where('action', '=', 'shop.hours')
      .where('entity_id', '=', String(shop.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(`admin:${w.people.admin.name} (${w.people.admin.phone})`);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ opens_at: '13:00', closes_at: '20:00' });

    // The same opening and closing time is refused with the service's reason; nothing changes.
    await page.fill('#hours-form input[name=open]', '08:00');
    await page.fill('#hours-form input[name=close]', '08:00');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click('#hours-form button[type=submit]'),
    ]);
    expect(refused.status()).toBe(422);
    expect(await page.content()).toContain('opening and closing time must differ');
    expect(await hoursRow()).toEqual({ opens_at: '13:00', closes_at: '20:00' });

    // Back to the default hours: open again, listed without a note.
    await page.goto(`${base}/dashboard/shops/${shop.id}/hours`);
    await page.click('button:has-text("Pakai jam umum")');
    await page.waitForURL(new RegExp(`/dashboard/shops/${shop.id}/hours$`));
    expect(await page.locator('#hours-source').innerText()).toContain('jam umum');
    expect(await page.locator('#hours-now [data-state]').getAttribute('data-state')).toBe('open');
    expect(await hoursRow()).toEqual({ opens_at: null, closes_at: null });
    expect(await listedHours()).toBeNull();
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'shop.hours').execute()).toHaveLength(
      2,
    );
  });

  it('a viewer reads the hours but gets no form, and a forged post with the session’s own CSRF token is refused', async () => {
    const page = await signedIn(w.people.viewer.phone);
    await page.goto(`${base}/dashboard/shops/${shop.id}/hours`);
    expect(await page.locator('#hours-range').innerText()).toBe('06:00–21:00');
    expect(await page.locator('#hours-form').count()).toBe(0);
    expect(await page.locator('button:has-text("Simpan jam buka")').count()).toBe(0);
    const csrf = await page.locator('input[name=_csrf]').first().getAttribute('value');
    const status = await page.evaluate(
      async ({ url, csrf }) => {
        const r = await fetch(url, {
          method: 'POST',
          body: new URLSearchParams({ _csrf: csrf ?? '', open: '07:00', close: '20:00' }),
        });
        return r.status;
      },
      { url: `${base}/dashboard/shops/${shop.id}/hours`, csrf },
    );
    expect(status).toBe(403);
    expect(await hoursRow()).toEqual({ opens_at: null, closes_at: null });
  });
});

describe('last month’s open orders on the dashboard', () => {
  it('is linked from the menu and shows each open order of October with exactly what the ledger holds for it', async () => {
    const page = await signedIn(w.people.viewer.phone);
    await page.goto(`${base}/dashboard`);
    await page.click('nav >> text=Pesanan terbuka');
    await page.waitForURL(/\/dashboard\/open-orders/);
    expect(await page.locator('h1').innerText()).toContain('2026-10');

    // The ledger's own figures, computed here from the entries: each October order's open hold on its shop.
    const held = await t.all<{ code: string; held: number }>(
      `select o.code, sum(case e.kind when 'hold' then e.amount else -e.amount end) held from ledger_entries e join orders o on o.id = e.order_id
        where e.period = '2026-10' and e.account like 'shop:%' group by o.code
        having sum(case e.kind when 'hold' then e.amount else -e.amount end) > 0 order by o.code`,
    );
    const balances = (await t.one<{ v: number }>(
      `select sum(held) v from ledger_balances where period = '2026-10' and account like 'shop:%'`,
    ))!;
    expect(held).toHaveLength(3); // waiting, accepted, delivered and unpaid (on the review list)
    expect(held.reduce((s, h) => s + h.held, 0)).toBe(balances.v);

    const rows = await page.locator('#open-orders tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        code: tr.getAttribute('data-code')!,
        held: Number(tr.getAttribute('data-held')),
        shown: tr.querySelector('td.held')!.textContent!.trim(),
      })),
    );
    expect(rows.map(({ code, held }) => ({ code, held })).sort((a, b) => a.code.localeCompare(b.code))).toEqual(held);
    for (const r of rows) expect(r.shown).toBe(formatRupiah(r.held));
    expect(Number(await page.locator('#open-held').getAttribute('data-held'))).toBe(balances.v);
    expect(await page.locator('#open-held').innerText()).toBe(formatRupiah(balances.v));
    // The one on the review list says so, and links to it.
    expect(await page.locator('#open-orders a[href^="/dashboard/review/"]').count()).toBe(1);

    // Another month on request: November's open order only.
    await page.fill('input[name=period]', '2026-11');
    await page.click('button:has-text("Tampilkan")');
    await page.waitForURL(/period=2026-11/);
    expect(await page.locator('#open-orders tbody tr').count()).toBe(1);
  });
});
