import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationDelivery } from '../../bots/flows/index.js';
import { loginCodeSender } from '../../src/app/login-code-sender.js';
import { DEMO_ADMINS, seedDemo } from '../../src/demo/seed-demo.js';
import { createWebChatChannel, type WebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { webChatIdOf } from '../../src/chat/web-chat-id.js';
import { adminWorld } from '../admin/support.js';
import { launchChromium, serveOnLoopback } from '../support/browser.js';
import { flowWorld } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/**
 * The README's sign-in on the demo city, in a browser: the demo admin types their phone at /login, the code
 * arrives in their web chat (another tab), and typing it opens the dashboard. Codes go through the real
 * chat delivery and the real web chat channel, as in `npm start`.
 */
let t: TestDb;
let w: Awaited<ReturnType<typeof adminWorld>>;
let server: Awaited<ReturnType<typeof serveOnLoopback>> | undefined;
let browser: Browser;
let base: string;
const ADMIN = DEMO_ADMINS[0].phone;
let webChat: WebChatChannel;

beforeAll(async () => {
  t = await createTestDb();
  const flows = flowWorld(t.db);
  await seedDemo(t.db, { clock: flows.clock, buyers: 5, shopsPerKind: 2 });
  webChat = createWebChatChannel();
  const delivery = createNotificationDelivery({ db: t.db, clock: flows.clock, channels: { web: webChat } });
  w = await adminWorld(t.db, { demo: true, chat: flows.engine, webChat, sendLoginCode: loginCodeSender(delivery) });
  server = await serveOnLoopback(w.app as unknown as { fetch: (r: Request) => Promise<Response> });
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.cleanup();
});

/** Every code read so far: the chat keeps its messages, and each test must take only the one it asked for. */
const seen: string[] = [];

/** Asks for a code on `page` (at /login) and reads it in the admin's web chat, opened in another tab of the same browser. */
async function askCode(ctx: BrowserContext, page: Page): Promise<string> {
  // Codes already in the chat (asked for and never read) are not this one.
  for (const i of await webChat.poll(webChatIdOf(ADMIN), 0)) {
    const old = /Kode masuk dasbor peken: (\d{6})/.exec(i.message.text ?? '')?.[1];
    if (old && !seen.includes(old)) seen.push(old);
  }
  await page.fill('input[name=phone]', ADMIN);
  await page.click('button[type=submit]');
  await page.waitForSelector('input[name=code]');
  const chat = await ctx.newPage();
  await chat.goto(`${base}/chat`);
  await chat.selectOption('select[name=phone]', ADMIN);
  await chat.click('button[type=submit]');
  const fresh = async () =>
    [...(await chat.locator('body').innerText()).matchAll(/Kode masuk dasbor peken: (\d{6})/g)]
      .map((m) => m[1]!)
      .filter((c) => !seen.includes(c));
  await expect.poll(async () => (await fresh()).length, { timeout: 20_000 }).toBe(1);
  const [code] = await fresh();
  seen.push(code!);
  await chat.close();
  return code!;
}

async function typeCode(page: Page, code: string): Promise<void> {
  await page.fill('input[name=code]', code);
  await page.click('button[type=submit]');
  await page.waitForLoadState();
}

describe('sign-in by a chat code, in a browser', () => {
  it('phone → code in the web chat → dashboard; sign-out ends the session even for a replayed cookie; the code cannot be used again', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/dashboard`);
    expect(page.url()).toContain('/login');
    const code = await askCode(ctx, page);
    await typeCode(page, code);
    await page.waitForURL(/\/dashboard/);
    expect(await page.locator('header .who').innerText()).toContain('Admin Kota (demo) (admin)');

    // Sign out, then replay the old cookie in a fresh browser: it opens nothing.
    const cookies = await ctx.cookies();
    expect(cookies.find((c) => c.name === 'peken_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await page.click('header .who button[type=submit]');
    await page.waitForURL(/\/login/);
    const replay = await browser.newContext();
    await replay.addCookies(cookies);
    const again = await replay.newPage();
    await again.goto(`${base}/dashboard`);
    expect(again.url()).toContain('/login');

    // The used code, typed again after asking with the phone: refused.
    await again.fill('input[name=phone]', ADMIN);
    await again.click('button[type=submit]');
    await typeCode(again, code);
    expect(again.url()).toContain('/login/code');
    expect(await again.locator('[role=alert]').innerText()).toBe('Kode salah, kedaluwarsa atau sudah dipakai.');
    await Promise.all([ctx.close(), replay.close()]);
  });

  it('refuses a code typed after its 5 minutes', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/login`);
    const code = await askCode(ctx, page);
    w.clock.advance(5 * 60_000 + 1);
    await typeCode(page, code);
    expect(await page.locator('[role=alert]').innerText()).toBe('Kode salah, kedaluwarsa atau sudah dipakai.');
    await page.goto(`${base}/dashboard`);
    expect(page.url()).toContain('/login');
    await ctx.close();
  });

  it('stops guessing: after five wrong codes even the right one is refused, and the dashboard stays shut', async () => {
    // The viewer, so that the admin of the tests above is not the one locked.
    const viewer = DEMO_ADMINS[1].phone;
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/login`);
    await page.fill('input[name=phone]', viewer);
    await page.click('button[type=submit]');
    await page.waitForSelector('input[name=code]');
    // The right code, read where it was sent (the viewer's web chat), to be typed after the guesses.
    const codeIn = async () =>
      (await webChat.poll(webChatIdOf(viewer), 0))
        .map((i) => /Kode masuk dasbor peken: (\d{6})/.exec(i.message.text ?? '')?.[1])
        .filter(Boolean);
    await expect.poll(async () => (await codeIn()).length, { timeout: 20_000 }).toBe(1);
    const right = (await codeIn())[0]!;
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      await typeCode(page, wrong);
      expect(await page.locator('[role=alert]').innerText()).toBe('Kode salah, kedaluwarsa atau sudah dipakai.');
    }
    await typeCode(page, right);
    expect(await page.locator('[role=alert]').innerText()).toBe(
      'Terlalu banyak kode salah untuk nomor ini. Minta kode baru nanti.',
    );
    await page.goto(`${base}/dashboard`);
    expect(page.url()).toContain('/login');
    await ctx.close();
  });
});
