import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, serveOnLoopback } from '../support/browser.js';
import { createChat } from '../../src/app/chat.js';
import type { LoginCodeSender } from '../../src/admin/login.service.js';
import { createCore, type Core } from '../../src/app/core.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { createAdminApp } from '../../src/server/admin/index.js';
import { loginCodeSender } from '../../src/app/login-code-sender.js';
import { addWebChatAdmin, codeInWebChat, signInOnPage } from '../support/admin-sign-in.js';
import { createWebChatChannel, type WebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { silentLogger } from '../../src/shared/logger.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { SECRET } from '../admin/support.js';

/**
 * The whole path a newcomer takes on a fresh machine, with the real parts of `npm start`: the web chat
 * over the conversation engine, the order pipeline through BullMQ on a real Redis, the notify worker
 * delivering the shop's new-order notice to the shop's open chat, and the dashboard reading the result.
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
    queuePrefix: `t-chat-order-${process.pid}-${Date.now()}`,
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
  // A small demo city: let every buyer reach every shop, so that the listing is never empty.
  await core.settings.set('area_policy', 'city', 'test');
  await addWebChatAdmin(core.db, core.clock, { name: 'kantor kota', phone: ADMIN_PHONE });
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

describe('an order through the web chat, seen on the dashboard', () => {
  it('is placed as a buyer, accepted as the shopkeeper, and appears on the dashboard', async () => {
    const buyer = await core.db.selectFrom('buyers').select(['id', 'phone']).orderBy('id').executeTakeFirstOrThrow();

    const page = await chatAs(buyer.phone);
    expect(await say(page, 'halo')).toContain('Menu utama');
    expect(await tap(page, 'shops')).not.toContain('Maaf');
    const shopValue = await lastOptionValue(page, 'shop:');
    const shopId = Number(shopValue.slice('shop:'.length));
    const owner = await core.db
      .selectFrom('shop_contacts')
      .select('phone')
      .where('shop_id', '=', shopId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();

    // The shopkeeper opens the chat too, so that the new-order notice has a chat to go to.
    const shopPage = await chatAs(owner.phone);
    expect(await say(shopPage, 'halo')).not.toContain('Maaf');

    // The buyer: the shop, the first product, a quantity, the cart, checkout with pick-up (no address), confirm.
    await tap(page, shopValue);
    expect(await tap(page, await lastOptionValue(page, 'prod:'))).toContain('Berapa');
    await say(page, '2');
    expect(await tap(page, 'cart')).toContain('Total');
    expect(await say(page, '1')).toContain('diambil sendiri'); // Pesan sekarang → delivery or pick-up?
    expect(await say(page, '2')).toContain('Periksa pesanan'); // Ambil sendiri → straight to the confirmation
    const placed = await say(page, 'ya');
    const code = /PK-[2-9A-Z]{6}/.exec(placed)?.[0];
    expect(code, placed).toBeDefined();
    const order = await core.db.selectFrom('orders').selectAll().where('code', '=', code!).executeTakeFirstOrThrow();
    expect(order).toMatchObject({ buyer_id: buyer.id, shop_id: shopId, fulfilment: 'pickup' });

    // The shopkeeper's tab receives the notice through the notify queue and accepts with one tap.
    await shopPage.waitForSelector(`text=${code}`, { timeout: 20_000 });
    expect(await say(shopPage, '1')).toContain('diterima');
    await waitUntil(async () => (await core.orders.get(order.id))?.status === 'accepted', 15_000, 'order accepted');
    // ...and the buyer is told, in the buyer's tab.
    await page.waitForSelector(`text=/${code}.*diterima|diterima.*${code}/`, { timeout: 20_000 });

    // The dashboard: the order is found by its code, with its hold in the ledger.
    const admin = await (await browser.newContext()).newPage();
    await admin.goto(`${base}/login`);
    await signInOnPage(admin, ADMIN_PHONE, () => codeInWebChat(webChat, ADMIN_PHONE));
    await admin.goto(`${base}/dashboard/orders?code=${code}`);
    expect(await admin.locator(`tr[data-code="${code}"]`).count()).toBe(1);
    await admin.goto(`${base}/dashboard/orders/${code}`);
    const hold = await core.db
      .selectFrom('ledger_entries')
      .select('amount')
      .where('order_id', '=', order.id)
      .where('kind', '=', 'hold')
      .where('account', 'like', 'shop:%')
      .executeTakeFirstOrThrow();
    expect(hold.amount).toBe(order.total);
    expect(await admin.locator('tr[data-kind="hold"]').count()).toBeGreaterThanOrEqual(1);
  }, 90_000);
});
