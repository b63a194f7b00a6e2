import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, serveOnLoopback } from '../support/browser.js';
import { createChat } from '../../src/app/chat.js';
import type { LoginCodeSender } from '../../src/admin/login.service.js';
import { createCore, type Core } from '../../src/app/core.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { ledger } from '../../src/ledger/index.js';
import { createAdminApp } from '../../src/server/admin/index.js';
import { loginCodeSender } from '../../src/app/login-code-sender.js';
import { addWebChatAdmin, codeInWebChat, signInOnPage } from '../support/admin-sign-in.js';
import { createWebChatChannel, type WebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { SECRET } from '../admin/support.js';
import { staticQris } from '../support/qris-fixture.js';
import { pdfText } from '../support/pdf-text.js';
import { readFile } from 'node:fs/promises';
import { formatRupiah } from '../../src/shared/money.js';

/**
 * Issue 13's second half in headless Chromium over the real parts of `npm start`: the web chat for the
 * buyer and the shop (two tabs), and the dashboard where an admin resolves a dispute.
 */
let t: TestDb;
let core: Core;
let server: Awaited<ReturnType<typeof serveOnLoopback>> | undefined;
let browser: Browser;
let base: string;
const ADMIN_PHONE = '+628430000009';
let webChat: WebChatChannel;

let sendLoginCode: LoginCodeSender = async () => false;

beforeAll(async () => {
  t = await createTestDb();
  core = await createCore({
    database: t.location,
    redisUrl: inject('redisUrl'),
    queuePrefix: `t-paid-dispute-${process.pid}-${Date.now()}`,
    workerConcurrency: 4,
    workerLockMs: 5000,
    sweepIntervalMs: 60_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 50,
    logger: silentLogger(),
    workers: true,
    // As src/main.ts: sign-in codes go out through the chat delivery, bound once the chat exists.
    services: { login: { secret: SECRET, send: (phone, code) => sendLoginCode(phone, code) } },
  });
  await seedDemo(core.db, { clock: core.clock, buyers: 5, shopsPerKind: 2 });
  await core.settings.set('area_policy', 'city', 'test');
  await addWebChatAdmin(core.db, core.clock, { name: 'Rina', phone: ADMIN_PHONE });
  webChat = createWebChatChannel();
  const chat = createChat(core, { web: webChat });
  // As src/main.ts: this process runs the web chat (its broadcasts too), which marks the channel alive.
  core.startWorkers(chat.delivery, { broadcastChannels: { web: webChat } });
  sendLoginCode = loginCodeSender(chat.delivery);
  const app = createAdminApp({
    services: core.services,
    sessionSecret: SECRET,
    demo: true,
    webChat,
    chat: chat.engine,
    logger: silentLogger(),
  });
  server = await serveOnLoopback(app);
  base = server.base;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await core?.queues.orders.obliterate({ force: true }).catch(() => {});
  await core?.queues.notify.obliterate({ force: true }).catch(() => {});
  await core?.close();
  await t?.cleanup();
});

async function chatAs(phone: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/chat`);
  await page.selectOption('select[name=phone]', phone);
  await page.click('button[type=submit]');
  await page.waitForSelector('#chat[data-ready="1"]');
  return page;
}

async function answered(page: Page, act: () => Promise<void>): Promise<string> {
  const answers = page.locator('.msg:not(.me)');
  const before = await answers.count();
  await act();
  await page.waitForFunction((n) => document.querySelectorAll('.msg:not(.me)').length > n, before, { timeout: 10_000 });
  return answers.last().innerText();
}
const say = (page: Page, text: string) =>
  answered(page, async () => {
    await page.fill('#text', text);
    await page.click('#send button');
  });
const tap = (page: Page, value: string) =>
  answered(page, () => page.locator(`.opts button[data-value="${value}"]`).last().click());
/** Waits for a message in the tab that contains `text` (a notice pushed to the chat) and returns it. */
async function arrives(page: Page, text: string): Promise<string> {
  const m = page.locator('.msg:not(.me)', { hasText: text }).last();
  await m.waitFor({ timeout: 20_000 });
  return m.innerText();
}

/** A demo buyer and a demo shop (with its owner), both in the web chat, and an order the shop accepted there. */
async function acceptedInChat(n: number) {
  const buyer = await core.db
    .selectFrom('buyers')
    .select(['id', 'phone', 'name'])
    .orderBy('id')
    .offset(n)
    .limit(1)
    .executeTakeFirstOrThrow();
  const shop = await core.db
    .selectFrom('shops')
    .selectAll()
    .where('status', '=', 'active')
    .orderBy('id')
    .offset(n)
    .limit(1)
    .executeTakeFirstOrThrow();
  const owner = await core.db
    .selectFrom('shop_contacts')
    .select('phone')
    .where('shop_id', '=', shop.id)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  const product = await core.db
    .selectFrom('products')
    .selectAll()
    .where('shop_id', '=', shop.id)
    .where('price', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await core.db
    .updateTable('shops')
    .set({ qris: staticQris({ name: 'WARUNG DEMO' }) })
    .where('id', '=', shop.id)
    .execute();
  const buyerPage = await chatAs(buyer.phone);
  await say(buyerPage, 'halo');
  const shopPage = await chatAs(owner.phone);
  await say(shopPage, 'halo');
  const order = await core.orders.place({
    buyerId: buyer.id,
    shopId: shop.id,
    items: [{ productId: product.id, quantity: 2 }],
    fulfilment: 'pickup',
  });
  await arrives(shopPage, `Pesanan baru ${order.code}`);
  await tap(shopPage, `acc:${order.id}`);
  return { buyer, shop, owner, order, buyerPage, shopPage };
}

describe('paid and received in the web chat, and a dispute on the dashboard', () => {
  it('accept → QR and contact → "sudah bayar" → "1 sudah" → completed → a receipt in both tabs; the ledger verifies', async () => {
    const { order, shop, owner, buyerPage, shopPage } = await acceptedInChat(0);
    // pay's part, checked as a step of the path: the payable QR image and the shop's contact.
    await buyerPage.locator('.msg img.pic').last().waitFor({ timeout: 20_000 });
    expect(await arrives(buyerPage, `diterima oleh ${shop.name}`)).toContain(`HP toko: ${owner.phone}`);

    expect(await say(buyerPage, 'udah transfer kak')).toContain('Kirim foto bukti bayar');
    expect(await tap(buyerPage, `spx:transfer:${order.id}`)).toContain(`Pembayaran pesanan ${order.code}`);
    expect(await arrives(shopPage, 'Pembeli bilang sudah bayar')).toContain('1 sudah  2 belum');
    await say(shopPage, '1');
    await tap(shopPage, `dlv:${order.id}`);
    for (const page of [buyerPage, shopPage]) {
      const receipt = await arrives(page, `🧾 Struk ${order.code}`);
      expect(receipt).toContain(`Toko: ${shop.name}`);
      expect(receipt).toContain('Dibayar: transfer');
      expect(receipt).toMatch(/Total: Rp [\d.]+/);
      expect(receipt).toContain('WIB');
    }
    expect((await core.orders.get(order.id))!.status).toBe('completed');
    expect(await ledger.verify(core.db)).toMatchObject({ ok: true, mismatches: [] });

    // The buyer's kuitansi came with the receipt: a PDF whose amount is the ledger's commit for the order.
    const link = buyerPage.locator('.msg a.doc', { hasText: `kuitansi-${order.code}.pdf` });
    await link.waitFor({ timeout: 20_000 });
    expect(await link.locator('xpath=..').innerText()).toContain(`Kuitansi pesanan ${order.code}`);
    const [download] = await Promise.all([buyerPage.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`kuitansi-${order.code}.pdf`);
    const text = pdfText(new Uint8Array(await readFile((await download.path())!))).replace(/\s+/g, ' ');
    const commit = await core.db
      .selectFrom('ledger_entries')
      .select('amount')
      .where('order_id', '=', order.id)
      .where('kind', '=', 'commit')
      .where('account', '=', `shop:${shop.id}`)
      .executeTakeFirstOrThrow();
    expect(text).toContain(`No. ${order.code}`);
    expect(text).toContain(`Uang sejumlah : ${formatRupiah(commit.amount)}`);
    expect(text).toContain('BERITA ACARA SERAH TERIMA (BAST)');
    // The shop gets the receipt text but no kuitansi (it is the buyer's proof for the SPJ).
    expect(await shopPage.locator('.msg a.doc').count()).toBe(0);
  });

  it('buyer paid, shop "2 belum": the admin sees both statements and the log on "Perlu ditinjau" and cancels, audited', async () => {
    const { order, buyerPage, shopPage } = await acceptedInChat(1);
    await say(buyerPage, 'menu');
    expect(await say(buyerPage, 'sudah bayar')).toContain('Bayar pakai apa?');
    await say(buyerPage, '1'); // QRIS
    await tap(buyerPage, `spx:qris:${order.id}`);
    await arrives(shopPage, 'Pembeli bilang sudah bayar');
    expect(await say(shopPage, '2')).toContain('belum diterima. Pesanan ini ditinjau admin');
    await arrives(buyerPage, `Toko bilang uang pesanan ${order.code}`);

    // The dashboard: sign in, the review list, the order.
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/dashboard/review`);
    await signInOnPage(page, ADMIN_PHONE, () => codeInWebChat(webChat, ADMIN_PHONE));
    await page.goto(`${base}/dashboard/review`);
    const row = page.locator(`#review tr[data-code="${order.code}"]`);
    await expect(row.innerText()).resolves.toMatch(
      /sengketa pembayaran[\s\S]*sudah bayar \(QRIS\)[\s\S]*uang belum diterima/,
    );
    await row.locator('a').first().click();
    await page.waitForURL(new RegExp(`/dashboard/review/${order.code}`));
    expect(await page.locator('#buyer-said').innerText()).toContain('sudah bayar (QRIS)');
    expect(await page.locator('#shop-said').innerText()).toContain('uang belum diterima');
    const events = await page
      .locator('#events tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.event));
    expect(events).toEqual(['accepted', 'buyer_paid', 'review', 'shop_not_received']);
    expect(await page.locator('#events').innerText()).toContain('web');

    // Cancel, with the reason both sides will read.
    await page.fill('#resolve textarea[name=reason]', 'Uang tidak masuk ke rekening toko');
    await page.click('#resolve button[value=cancel]');
    await page.waitForURL(new RegExp(`/dashboard/review/${order.code}`));
    expect(await page.locator('main').innerText()).toContain('dibatalkan');
    const after = (await core.orders.get(order.id))!;
    expect(after).toMatchObject({
      status: 'cancelled',
      reason: 'Uang tidak masuk ke rekening toko',
      review_reason: null,
    });
    expect(await ledger.shopBalance(core.db, after.shop_id, after.period!)).toMatchObject({ held: 0 });
    expect(await ledger.verify(core.db)).toMatchObject({ ok: true });
    await page.goto(`${base}/dashboard/review`);
    expect(await page.locator(`#review tr[data-code="${order.code}"]`).count()).toBe(0);

    // The audit log page, and both sides told.
    await page.goto(`${base}/dashboard/audit`);
    expect(await page.locator('main').innerText()).toMatch(/order\.resolve_cancel[\s\S]*Uang tidak masuk/);
    expect(await arrives(buyerPage, `dibatalkan oleh admin: Uang tidak masuk ke rekening toko`)).toContain(order.code);
    await arrives(shopPage, 'dibatalkan oleh admin');
  });
});
