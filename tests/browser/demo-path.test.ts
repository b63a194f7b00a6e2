import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createChat } from '../../src/app/chat.js';
import { createCore, type Core } from '../../src/app/core.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { createAdminApp } from '../../src/server/admin/index.js';
import { createWebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { silentLogger } from '../../src/shared/logger.js';
import { SECRET } from '../admin/support.js';
import { launchChromium, serveOnLoopback } from '../support/browser.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/**
 * The README's demo paragraph, step by step in its written order, as a newcomer does it after `npm start`:
 * the whole demo city, default settings, the buyer's tab first, then the shop's tab, numbers typed as the
 * buttons show them. Real parts only: the web chat in Chromium, the engine, BullMQ on Redis, SQLite.
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
    queuePrefix: `t-demo-path-${process.pid}-${Date.now()}`,
    workerConcurrency: 4,
    workerLockMs: 5000,
    sweepIntervalMs: 60_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 50,
    logger: silentLogger(),
    workers: true,
  });
  await seedDemo(core.db, { clock: core.clock });
  const webChat = createWebChatChannel();
  const chat = createChat(core, { web: webChat });
  // As src/main.ts wires `npm start`: this process runs the web chat, its notices and its broadcasts.
  core.startWorkers(chat.delivery, { channels: ['web'], broadcastChannels: { web: webChat } });
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
  for (const q of [core?.queues.orders, core?.queues.notify, ...(core?.notifyQueues.all() ?? [])])
    await q?.obliterate({ force: true }).catch(() => {});
  await core?.close();
  await t?.cleanup();
});

/** Opens /chat in a fresh tab, finds the person by typing part of the name, and starts the chat. */
async function openChatFor(search: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/chat`);
  await page.fill('#who-filter', search);
  await page.click('button[type=submit]');
  await page.waitForSelector('#chat[data-ready="1"]');
  return page;
}

async function type(page: Page, text: string): Promise<string> {
  const answers = page.locator('.msg:not(.me)');
  const before = await answers.count();
  await page.fill('#text', text);
  await page.click('#send button');
  await page.waitForFunction((n) => document.querySelectorAll('.msg:not(.me)').length > n, before, { timeout: 10_000 });
  return answers.last().innerText();
}

/** The buttons under the last answer, as people see them. */
const buttons = (page: Page) => page.locator('.opts').last().locator('button').allInnerTexts();

/** The number a button shows for `label` ("3. Lihat keranjang" → "3"). */
async function numberOf(page: Page, label: string): Promise<string> {
  const found = (await buttons(page)).find((b) => b.includes(label));
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(await buttons(page))}`);
  return /^(\d+)\. /.exec(found)![1]!;
}

describe("the README's demo path", () => {
  it('buyer tab first: order; then the shop tab: the waiting order is there and "1" accepts it', async () => {
    // 1. A demo ASN, found in the picker by name.
    const asn = await core.db
      .selectFrom('buyers')
      .select(['id', 'name', 'phone'])
      .orderBy('phone')
      .executeTakeFirstOrThrow();
    const buyer = await openChatFor(asn.name);
    expect(await buyer.locator('#chat').getAttribute('data-phone')).toBe(asn.phone);
    expect(await type(buyer, 'halo')).toContain(`Halo Kak ${asn.name}`);
    // Every button shows the number that typing uses.
    const menu = await buttons(buyer);
    expect(menu[0]).toBe('1. Belanja');
    menu.forEach((b, i) => expect(b.startsWith(`${i + 1}. `)).toBe(true));

    // 2. Belanja → the first shop → "1 2" → Lihat keranjang → Pesan sekarang → Ambil sendiri → "ya".
    expect(await type(buyer, await numberOf(buyer, 'Belanja'))).toContain('Toko di wilayah Anda');
    const shopButton = (await buttons(buyer))[0]!;
    const shopName = shopButton.replace(/^1\. /, '').split(' — ')[0]!;
    expect(await type(buyer, '1')).toContain(shopName);
    expect(await type(buyer, '1 2')).toContain('Masuk keranjang: 2 ×');
    expect(await type(buyer, await numberOf(buyer, 'Lihat keranjang'))).toContain('Total');
    await type(buyer, await numberOf(buyer, 'Pesan sekarang'));
    expect(await type(buyer, await numberOf(buyer, 'Ambil sendiri'))).toContain('Periksa pesanan');
    const placed = await type(buyer, 'ya');
    const code = /PK-[2-9A-Z]{6}/.exec(placed)?.[0];
    expect(code, placed).toBeDefined();
    const order = (await core.orders.getByCode(code!))!;
    await waitUntil(async () => (await core.orders.get(order.id))?.status === 'reserved', 15_000, 'the order reserved');

    // 3. Only now the shop's tab, found by the shop's name: the new order is waiting there.
    const owner = await core.db
      .selectFrom('shop_contacts')
      .select('phone')
      .where('shop_id', '=', order.shop_id)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    const shop = await openChatFor(shopName);
    expect(await shop.locator('#chat').getAttribute('data-phone')).toBe(owner.phone);
    await shop.waitForSelector(`text=Pesanan baru ${code}`, { timeout: 20_000 });
    expect(await buttons(shop)).toEqual(['1. Terima', '2. Tolak']);

    // 4. "1" accepts it; the buyer's tab is told.
    expect(await type(shop, '1')).toContain(`Pesanan ${code} diterima`);
    expect((await core.orders.get(order.id))!.status).toBe('accepted');
    await buyer.waitForSelector(`text=/Pesanan ${code} diterima oleh/`, { timeout: 20_000 });
  }, 120_000);
});
