import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, serveOnLoopback } from '../support/browser.js';
import { createChat } from '../../src/app/chat.js';
import { createCore, type Core } from '../../src/app/core.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { createAdminApp } from '../../src/server/admin/index.js';
import { createWebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { SECRET } from '../admin/support.js';
import { parseQris, readQrImage } from '../../src/payments/index.js';
import { photoWithoutQr, qrPhoto, staticQris, withBadCrc } from '../support/qris-fixture.js';

/**
 * Issue 13 in the web chat, in headless Chromium over the real parts of `npm start`: the owner registers the
 * shop's QRIS, the buyer orders with a delivery address, the shop accepts, and the buyer's tab shows the
 * payable QR as an image (fetched back and decoded here) with the shop's contact; Bayar shows it again.
 */
let t: TestDb;
let core: Core;
let server: Awaited<ReturnType<typeof serveOnLoopback>> | undefined;
let browser: Browser;
let base: string;

beforeAll(async () => {
  t = await createTestDb();
  core = await createCore({
    database: t.location,
    redisUrl: inject('redisUrl'),
    queuePrefix: `t-chat-pay-${process.pid}-${Date.now()}`,
    workerConcurrency: 4,
    workerLockMs: 5000,
    sweepIntervalMs: 60_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 50,
    logger: silentLogger(),
    workers: true,
  });
  await seedDemo(core.db, { clock: core.clock, buyers: 5, shopsPerKind: 2 });
  // A small demo city: let every buyer reach every shop, so that the listing is never empty.
  await core.settings.set('area_policy', 'city', 'test');
  const webChat = createWebChatChannel();
  const chat = createChat(core, { web: webChat });
  // As src/main.ts: this process runs the web chat (its broadcasts too), which marks the channel alive.
  core.startWorkers(chat.delivery, { broadcastChannels: { web: webChat } });
  const app = createAdminApp({
    services: core.services,
    sessionSecret: SECRET,
    demo: true,
    webChat,
    mediaDir: join(t.dir, 'media'),
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

/** A web chat tab speaking as `phone`. */
async function chatAs(phone: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/chat`);
  await page.selectOption('select[name=phone]', phone);
  await page.click('button[type=submit]');
  await page.waitForSelector('#chat[data-ready="1"]');
  return page;
}

/** Sends text (or taps an option button) and returns the text of the answer. */
async function say(page: Page, text: string): Promise<string> {
  return answered(page, async () => {
    await page.fill('#text', text);
    await page.click('#send button');
  });
}

async function tap(page: Page, value: string): Promise<string> {
  return answered(page, () => page.locator(`.opts button[data-value="${value}"]`).last().click());
}

async function answered(page: Page, act: () => Promise<void>): Promise<string> {
  const answers = page.locator('.msg:not(.me)');
  const before = await answers.count();
  await act();
  await page.waitForFunction((n) => document.querySelectorAll('.msg:not(.me)').length > n, before, { timeout: 10_000 });
  return answers.last().innerText();
}

const lastOptionValue = (page: Page, prefix: string) =>
  page.locator(`.opts button[data-value^="${prefix}"]`).first().getAttribute('data-value') as Promise<string>;

/** The bytes of the last image in a tab, fetched by the page itself (its own chat id and phone). */
async function lastImage(page: Page): Promise<{ bytes: Buffer; src: string; width: number }> {
  const img = page.locator('.msg img.pic').last();
  await img.waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => {
    const i = [...document.querySelectorAll('.msg img.pic')].pop() as HTMLImageElement | undefined;
    return !!i && i.complete && i.naturalWidth > 0;
  });
  const r = await img.evaluate(async (el: HTMLImageElement) => {
    const res = await fetch(el.src);
    const buf = new Uint8Array(await res.arrayBuffer());
    let s = '';
    for (const b of buf) s += String.fromCharCode(b);
    return { b64: btoa(s), src: el.src, width: el.naturalWidth };
  });
  return { bytes: Buffer.from(r.b64, 'base64'), src: r.src, width: r.width };
}

async function decode(bytes: Buffer) {
  const read = await readQrImage(bytes);
  if (!read.ok) throw new Error(`no QR in the image: ${read.reason}`);
  return parseQris(read.text);
}

describe('paying with QRIS in the web chat', () => {
  it("registers the QRIS, then accept gives the buyer the QR image and both sides each other's contact; Bayar shows it again", async () => {
    const buyer = await core.db
      .selectFrom('buyers')
      .select(['id', 'phone', 'name'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const page = await chatAs(buyer.phone);
    expect(await say(page, 'halo')).toContain('Menu utama');
    await tap(page, 'shops');
    const shopValue = await lastOptionValue(page, 'shop:');
    const shopId = Number(shopValue.slice('shop:'.length));
    const shop = await core.db.selectFrom('shops').selectAll().where('id', '=', shopId).executeTakeFirstOrThrow();
    const owner = await core.db
      .selectFrom('shop_contacts')
      .select('phone')
      .where('shop_id', '=', shopId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();

    // The owner registers the shop's QRIS by pasting its text: a broken one is refused, the good one echoed.
    const shopPage = await chatAs(owner.phone);
    expect(await say(shopPage, 'halo')).not.toContain('Maaf');
    const qris = staticQris({ name: 'WARUNG DEMO', city: 'SURABAYA' });
    expect(await say(shopPage, withBadCrc(qris))).toContain('angka pemeriksanya tidak cocok');
    expect(await say(shopPage, qris)).toContain('Benar ini QRIS toko Ibu: WARUNG DEMO, SURABAYA?');
    expect(await say(shopPage, 'tidak')).toContain('QRIS tidak disimpan');
    expect(
      (await core.db.selectFrom('shops').select('qris').where('id', '=', shopId).executeTakeFirstOrThrow()).qris,
    ).toBeNull();
    // By photo of the sticker: a QR holding a web address, a photo without a QR and a file one
    // byte over the 10 MB limit are refused (20 MB took Playwright's 30 s to hand to a busy browser).
    expect(await tap(shopPage, 'qris')).toContain('foto stiker QRIS');
    const upload = (name: string, buffer: Buffer) =>
      answered(shopPage, () => shopPage.setInputFiles('#photo', { name, mimeType: 'image/jpeg', buffer }));
    expect(await upload('promo.jpg', await qrPhoto('https://example.com/promo'))).toContain('bukan QRIS');
    expect(await upload('meja.jpg', await photoWithoutQr())).toContain('tidak menemukan kode QR');
    expect(await upload('besar.jpg', Buffer.alloc(10 * 1024 * 1024 + 1, 0xff))).toContain('terlalu besar');
    expect(
      (await core.db.selectFrom('shops').select('qris').where('id', '=', shopId).executeTakeFirstOrThrow()).qris,
    ).toBeNull();
    expect(await upload('stiker.jpg', await qrPhoto(qris))).toContain(
      'Benar ini QRIS toko Ibu: WARUNG DEMO, SURABAYA?',
    );
    expect(await say(shopPage, '1')).toContain('QRIS tersimpan');
    expect(
      (await core.db.selectFrom('shops').select('qris').where('id', '=', shopId).executeTakeFirstOrThrow()).qris,
    ).toBe(qris);

    // The buyer orders for delivery: "-" is not an address.
    await tap(page, shopValue);
    expect(await tap(page, await lastOptionValue(page, 'prod:'))).toContain('Berapa');
    await say(page, '3');
    expect(await tap(page, 'cart')).toContain('Total');
    await tap(page, 'checkout');
    expect(await tap(page, 'ful:delivery')).toContain('Ke alamat mana');
    expect(await say(page, '-')).toContain('"-" belum alamat');
    expect(await say(page, 'Jl. Melati 5 RT 02, pagar hijau')).toContain('Antar ke: Jl. Melati 5 RT 02');
    const placed = await say(page, 'ya');
    const code = /PK-[2-9A-Z]{6}/.exec(placed)![0];
    const order = await core.db.selectFrom('orders').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

    // The shop accepts from its tab and reads the buyer's contact.
    await shopPage.waitForSelector(`text=${code}`, { timeout: 20_000 });
    const accepted = await tap(shopPage, `acc:${order.id}`);
    expect(accepted).toContain(`Pembeli: ${buyer.name}`);
    expect(accepted).toContain(`HP: ${buyer.phone}`);
    expect(accepted).toContain('Antar ke: Jl. Melati 5 RT 02, pagar hijau');

    // The buyer's tab: the QR image for exactly the total, then the shop's contact.
    const image = await lastImage(page);
    expect(image.width).toBeGreaterThan(100);
    expect(await decode(image.bytes)).toMatchObject({
      ok: true,
      qris: { amount: order.total, merchantName: 'WARUNG DEMO', dynamic: true },
    });
    const caption = await page.locator('.msg img.pic').last().locator('xpath=..').innerText();
    expect(caption).toContain('Pesanan ' + code);
    await page.waitForSelector(`text=/diterima oleh ${shop.name}/`, { timeout: 20_000 });
    const notice = await page
      .locator('.msg', { hasText: `diterima oleh ${shop.name}` })
      .last()
      .innerText();
    expect(notice).toContain(`HP toko: ${owner.phone}`);
    expect(notice).toContain('https://wa.me/' + owner.phone.slice(1));

    // Another chat (the shop's tab) cannot load the buyer's image.
    const foreign = await shopPage.evaluate(async (src) => {
      const root = document.getElementById('chat')!;
      const phone = root.dataset.phone!;
      const own = sessionStorage.getItem('peken-chat:' + phone) ?? root.dataset.chatId!;
      const url = new URL(src);
      url.searchParams.set('chatId', own);
      url.searchParams.set('phone', phone);
      return (await fetch(url)).status;
    }, image.src);
    expect(foreign).toBe(404);

    // Pesanan saya → the order → Bayar: the same QR again.
    const before = await page.locator('.msg img.pic').count();
    await tap(page, 'orders');
    await tap(page, `ord:${order.id}`);
    expect(await tap(page, `bayar:${order.id}`)).toContain('Cara bayar lain dari toko');
    expect(await page.locator('.msg img.pic').count()).toBe(before + 1);
    const again = await lastImage(page);
    expect(await decode(again.bytes)).toMatchObject({
      ok: true,
      qris: { amount: order.total, merchantName: 'WARUNG DEMO' },
    });
  });
});
