import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveOnLoopback } from '../support/browser.js';
import type { ConversationHandler, InboundMessage } from '../../src/chat/ports.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { createWebChatChannel, type WebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld } from '../admin/support.js';

let t: TestDb;
let server: Awaited<ReturnType<typeof serveOnLoopback>> | undefined;
let browser: Browser;
let base: string;
let webChat: WebChatChannel;
const seen: InboundMessage[] = [];

// A stand-in for the conversation engine (bots/flows): the page's behaviour does not depend on the flows.
const engine: ConversationHandler = {
  async handle(m) {
    seen.push(m);
    if (m.content.kind === 'option') return [{ text: `Pilihan: ${m.content.value}` }];
    return [
      {
        text: 'Mau apa?',
        options: [
          { label: 'Belanja', value: 'menu:shop' },
          { label: 'Pesanan saya', value: 'menu:orders' },
        ],
      },
    ];
  },
};

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { clock: new ManualClock('2026-11-01T00:00:00Z'), buyers: 5, shopsPerKind: 2 });
  webChat = createWebChatChannel();
  const w = await adminWorld(t.db, { demo: true, chat: engine, webChat });
  server = await serveOnLoopback(w.app as unknown as { fetch: (r: Request) => Promise<Response> });
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.cleanup();
});

describe('web chat in a browser', () => {
  it('sends text, shows options as buttons that send their value, and shows notifications from the inbox', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/chat`);
    await page.selectOption('select[name=phone]', '+628410000002');
    await page.click('button[type=submit]');
    await page.waitForSelector('#chat[data-ready="1"]');
    await page.fill('#text', 'halo');
    await page.click('#send button');
    await page.waitForSelector('.opts button[data-value="menu:orders"]');
    expect(seen.at(-1)).toMatchObject({
      channel: 'web',
      senderPhone: '+628410000002',
      content: { kind: 'text', text: 'halo' },
    });
    await page.click('.opts button[data-value="menu:orders"]');
    await page.waitForSelector('text=Pilihan: menu:orders');
    expect(seen.at(-1)!.content).toEqual({ kind: 'option', value: 'menu:orders' });
    const chatId = seen.at(-1)!.chatId;
    await webChat.send(chatId, { text: 'Pesanan PK-ABC234 diterima toko' }, { category: 'order_update' });
    await page.waitForSelector('text=Pesanan PK-ABC234 diterima toko', { timeout: 10_000 });
  });
});
