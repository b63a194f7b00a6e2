import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { webChatIdOf } from '../../src/chat/web-chat-id.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.js';
import { spawnServer, waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { openWebChat, sendWebChat, type WebChatPage } from '../support/web-chat-client.js';

// Two real server processes (`npm start`) on one database and one Redis, as behind a load balancer (issue 18,
// item 4, README "More than one machine"): what one process learns, the other must know.

const WEBHOOK_SECRET = 'two-servers-secret-0123456789';
const ADMIN = '+628430000001';
const cookies = (res: Response): string =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');

let t: TestDb;
let api: FakeTelegramApi;
const servers: Array<Awaited<ReturnType<typeof spawnServer>>> = [];

async function startServer(env: Record<string, string>) {
  const server = await spawnServer({ LOG_LEVEL: 'info', ...env });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  t = await createTestDb();
  api = await startFakeTelegramApi();
  const env = {
    ...t.env,
    DATA_DIR: t.dir,
    REDIS_URL: inject('redisUrl'),
    QUEUE_PREFIX: `t-two-servers-${randomUUID()}`,
    DEMO: '1',
    WEB_CHAT_NEW_PER_HOUR: '2',
    // Every server signs with the same secret: a sign-in code asked on one is checked on the other.
    SESSION_SECRET: 'two-servers-session-secret-0123456789abcdef',
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.url,
    TELEGRAM_WEBHOOK_URL: 'https://peken.example/telegram/webhook',
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  // One after the other: the first loads the demo city into the fresh database, the second finds it there.
  await startServer(env);
  await startServer(env);
}, 240_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await api?.close();
  await t?.cleanup();
});

const send = (base: string, page: WebChatPage, text: string) => sendWebChat(base, page, { kind: 'text', text });

const poll = async (base: string, phone: string): Promise<Array<{ seq: number; message: { text: string } }>> =>
  (
    (await (
      await fetch(`${base}/chat/api/poll?chatId=${webChatIdOf(phone)}&phone=${encodeURIComponent(phone)}&after=0`)
    ).json()) as { items: Array<{ seq: number; message: { text: string } }> }
  ).items;

const codesIn = (items: Array<{ message: { text: string } }>) =>
  items.map((i) => /Kode masuk dasbor peken: (\d{6})/.exec(i.message.text ?? '')?.[1]).filter(Boolean) as string[];

describe('two server processes on one database and one Redis', () => {
  it('a sign-in code asked on server 1 reaches the web chat polled on server 2, and the session it opens works on both', async () => {
    const [one, two] = servers;
    const form = await fetch(`${one!.base}/login`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
    const asked = await fetch(`${one!.base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies(form) },
      body: new URLSearchParams({ _csrf: csrf!, phone: ADMIN, next: '/dashboard' }),
    });
    expect(asked.status).toBe(200);
    const codeForm = await asked.text();
    // The code went out through server 1's delivery; the page polls server 2.
    const code = await waitUntil(async () => codesIn(await poll(two!.base, ADMIN)).at(-1), 15_000, 'the code');
    const csrf2 = /name="_csrf" value="([^"]+)"/.exec(codeForm)?.[1];
    // The code typed on server 2 (the load balancer may send the next request anywhere).
    const signedIn = await fetch(`${two!.base}/login/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies(asked) },
      body: new URLSearchParams({ _csrf: csrf2!, phone: ADMIN, code, next: '/dashboard' }),
      redirect: 'manual',
    });
    expect(signedIn.status).toBe(303);
    const session = cookies(signedIn);
    expect(session).toContain('peken_session=');
    for (const s of [one!, two!]) {
      const page = await fetch(`${s.base}/dashboard`, { headers: { cookie: session }, redirect: 'manual' });
      expect(page.status).toBe(200);
    }
  }, 60_000);

  it('a notice put in a web chat by one server is read through either, numbered once', async () => {
    const [one, two] = servers;
    const buyer = '+628410000010';
    const page = await openWebChat(one!.base, buyer);
    expect((await send(one!.base, page, 'halo')).status).toBe(200);
    // The sign-in code of test 1 is a notice; here a second one, asked through server 2.
    const form = await fetch(`${two!.base}/login`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
    await fetch(`${two!.base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies(form) },
      body: new URLSearchParams({ _csrf: csrf!, phone: ADMIN, next: '/dashboard' }),
    });
    const seen = await waitUntil(
      async () => {
        const [a, b] = [await poll(one!.base, ADMIN), await poll(two!.base, ADMIN)];
        return codesIn(a).length >= 2 && codesIn(b).length >= 2 ? { a, b } : null;
      },
      15_000,
      'both codes on both servers',
    );
    expect(seen.a.map((i) => i.seq)).toEqual(seen.b.map((i) => i.seq));
    expect(new Set(seen.a.map((i) => i.seq)).size).toBe(seen.a.length);
  }, 60_000);

  it('counts new web chats from one address across both servers', async () => {
    const [one, two] = servers;
    // WEB_CHAT_NEW_PER_HOUR=2, and the chat of the test above already counted one for this address.
    const third = await openWebChat(two!.base, '+628410000011');
    expect((await send(two!.base, third, 'halo')).status).toBe(200);
    const fourth = await openWebChat(one!.base, '+628410000012');
    const refused = await send(one!.base, fourth, 'halo');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // A chat already opened goes on, on either server.
    expect((await send(one!.base, third, 'menu')).status).toBe(200);
  }, 60_000);

  it('a Telegram update delivered to both webhooks is answered once', async () => {
    const [one, two] = servers;
    const update = (updateId: number, chatId: number) => ({
      update_id: updateId,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private' },
        from: { id: chatId, is_bot: false, first_name: 'X' },
        text: '/start',
      },
    });
    const deliver = (base: string, body: unknown) =>
      fetch(`${base}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
        body: JSON.stringify(body),
      });
    const sentTo = (chatId: number) => api.sent().filter((m) => m.chatId === String(chatId)).length;
    // The answer to one delivery, as the yardstick.
    expect((await deliver(one!.base, update(9001, 7001))).status).toBe(200);
    await waitUntil(async () => sentTo(7001) > 0, 15_000, 'the answer to one delivery');
    await new Promise((r) => setTimeout(r, 1500));
    const once = sentTo(7001);
    // The same update to both servers at once (Telegram redelivers when an answer is late).
    const answers = await Promise.all([deliver(one!.base, update(9002, 7002)), deliver(two!.base, update(9002, 7002))]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    await waitUntil(async () => sentTo(7002) >= once, 15_000, 'the answer');
    await new Promise((r) => setTimeout(r, 2000));
    expect(sentTo(7002)).toBe(once);
  }, 60_000);
});
