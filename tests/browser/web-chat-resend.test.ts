import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveOnLoopback } from '../support/browser.js';
import type { ConversationHandler, InboundMessage } from '../../src/chat/ports.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { createHttpApp } from '../../src/server/http-app.js';
import { createIntakeGate } from '../../src/server/web-chat/intake-gate.js';
import { webChatIntake } from '../../src/server/web-chat/intake.js';
import { createWebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld } from '../admin/support.js';

let t: TestDb;
let server: Awaited<ReturnType<typeof serveOnLoopback>> | undefined;
let browser: Browser;
let base: string;
const seen: InboundMessage[] = [];
// 'tunggu' stays in the engine until the test lets it go: it holds the gate's only place.
let letGo: () => void = () => undefined;

const engine: ConversationHandler = {
  async handle(m) {
    seen.push(m);
    const text = m.content.kind === 'text' ? m.content.text : '';
    if (text === 'tunggu') await new Promise<void>((r) => (letGo = r));
    return [{ text: `Balasan: ${text}` }];
  },
};

const texts = (text: string) => seen.filter((m) => m.content.kind === 'text' && m.content.text === text);

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { clock: new ManualClock('2026-11-01T00:00:00Z'), buyers: 5, shopsPerKind: 2 });
  const w = await adminWorld(t.db, { demo: true, chat: engine, webChat: createWebChatChannel() });
  // The server's own admission (src/main.ts), one place and no line: a second message gets the real 503.
  const app = createHttpApp({
    health: async () => ({ status: 'ok' }) as never,
    admission: webChatIntake(createIntakeGate({ concurrency: 1, maxWaiting: 0 })),
    mounts: [{ path: '/', app: w.app as never }],
  });
  server = await serveOnLoopback(app);
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  letGo();
  await browser?.close();
  await server?.close();
  await t?.cleanup();
});

async function openChat(phone: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${base}/chat?phone=${encodeURIComponent(phone)}`);
  await page.waitForSelector('#chat[data-ready="1"]');
  return page;
}

async function type(page: Page, text: string) {
  await page.fill('#text', text);
  await page.click('#send button');
}

describe('web chat page when the server is busy or unreachable (issue 19)', () => {
  it("sends a message again after a 503's Retry-After, and it arrives once", async () => {
    const page = await openChat('+628410000003');
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/chat/api/send')) statuses.push(r.status());
    });
    await type(page, 'tunggu');
    await expect.poll(() => texts('tunggu').length).toBe(1);
    await type(page, 'halo');
    // The gate is full: refused with 503 and Retry-After, and nothing of it reached the engine.
    await expect.poll(() => statuses).toContain(503);
    expect(texts('halo')).toHaveLength(0);
    letGo();
    await page.waitForSelector('.msg >> text=Balasan: halo', { timeout: 20_000 });
    await page.waitForSelector('.msg >> text=Balasan: tunggu');
    // Another turn of the page's backoff: nothing is sent a third time.
    await page.waitForTimeout(2500);
    expect(texts('halo')).toHaveLength(1);
    expect(await page.locator('.msg', { hasText: 'Balasan: halo' }).count()).toBe(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    await page.close();
  }, 60_000);

  it('does not send a message again after a network error, and says it may not have arrived', async () => {
    const page = await openChat('+628410000004');
    let tries = 0;
    await page.route('**/chat/api/send', (route) => {
      tries++;
      return route.abort('failed');
    });
    await type(page, 'putus');
    await page.waitForSelector('.msg >> text=sambungan terputus');
    // Longer than the page's first wait after a 503: a resend would have come by now.
    await page.waitForTimeout(2500);
    expect(tries).toBe(1);
    expect(texts('putus')).toHaveLength(0);
    await page.close();
  }, 60_000);
});
