import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationHandler, InboundMessage } from '../../src/chat/ports.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { createWebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { webChatIdOf } from '../../src/chat/web-chat-id.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, signInDashboard } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { clock: new ManualClock('2026-11-01T00:00:00Z'), buyers: 5, shopsPerKind: 2 });
});
afterEach(async () => {
  await t.cleanup();
});

/** A stand-in for the conversation engine: records what it got, answers with a question and two options. */
function fakeEngine() {
  const seen: InboundMessage[] = [];
  const handler: ConversationHandler = {
    async handle(m) {
      seen.push(m);
      return [
        {
          text: `halo ${m.senderPhone}`,
          options: [
            { label: 'Belanja', value: 'menu:shop' },
            { label: 'Pesanan saya', value: 'menu:orders' },
          ],
        },
      ];
    },
  };
  return { seen, handler };
}

async function openChat(w: Awaited<ReturnType<typeof adminWorld>>, phone: string, cookie = '') {
  const page = await w.app.request(`/chat?phone=${encodeURIComponent(phone)}`, { headers: { cookie } });
  const html = await page.text();
  return {
    status: page.status,
    chatId: /data-chat-id="([^"]+)"/.exec(html)?.[1],
    csrf: /data-csrf="([^"]+)"/.exec(html)?.[1],
  };
}

const send = (w: Awaited<ReturnType<typeof adminWorld>>, body: unknown, csrf = '', cookie = '') =>
  w.app.request('/chat/api/send', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie },
    body: JSON.stringify(body),
  });

describe('web chat', () => {
  it('passes a message to the conversation engine as channel web with the chosen phone, and returns its replies', async () => {
    const engine = fakeEngine();
    const w = await adminWorld(t.db, { demo: true, chat: engine.handler, webChat: createWebChatChannel() });
    const pick = await w.app.request('/chat');
    expect(await pick.text()).toContain('+628410000001');
    const { chatId, csrf } = await openChat(w, '+628410000001');
    const res = await send(
      w,
      { chatId, phone: '+628410000001', content: { kind: 'option', value: 'menu:shop' } },
      csrf,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      replies: [
        {
          text: 'halo +628410000001',
          options: [
            { label: 'Belanja', value: 'menu:shop' },
            { label: 'Pesanan saya', value: 'menu:orders' },
          ],
        },
      ],
    });
    expect(engine.seen[0]).toMatchObject({
      channel: 'web',
      chatId,
      senderPhone: '+628410000001',
      content: { kind: 'option', value: 'menu:shop' },
    });
  });

  it('refuses a phone outside the demo numbers and a post without the page token', async () => {
    const engine = fakeEngine();
    const w = await adminWorld(t.db, { demo: true, chat: engine.handler });
    const { chatId, csrf } = await openChat(w, '+628410000001');
    expect(
      (await send(w, { chatId, phone: '+6281234567890', content: { kind: 'text', text: 'halo' } }, csrf)).status,
    ).toBe(422);
    // The old demo range was Telkomsel's 0811: such a number may belong to a real person.
    expect(
      (await send(w, { chatId, phone: '+628110000001', content: { kind: 'text', text: 'halo' } }, csrf)).status,
    ).toBe(422);
    expect(
      (await send(w, { chatId, phone: '+628410000001', content: { kind: 'text', text: 'halo' } }, 'forged')).status,
    ).toBe(403);
    expect(engine.seen).toHaveLength(0);
  });

  it("refuses a photo posted into another phone's chat, as a message is refused", async () => {
    const engine = fakeEngine();
    const w = await adminWorld(t.db, { demo: true, chat: engine.handler, webChat: createWebChatChannel() });
    const own = await openChat(w, '+628410000001');
    const other = await openChat(w, '+628410000002');
    const photo = (chatId: string, csrf: string) => {
      const form = new FormData();
      form.set('file', new File([Buffer.from('not really a jpeg')], 'x.jpg', { type: 'image/jpeg' }));
      return w.app.request(`/chat/api/photo?chatId=${chatId}&phone=${encodeURIComponent('+628410000001')}`, {
        method: 'POST',
        headers: { 'x-csrf-token': csrf },
        body: form,
      });
    };
    // The page token of +628410000001, but the chat of +628410000002: refused before anything is saved or handled.
    const forged = await photo(other.chatId!, own.csrf!);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('bukan milik nomor itu');
    expect(engine.seen).toHaveLength(0);
    expect((await photo(own.chatId!, own.csrf!)).status).toBe(200);
    expect(engine.seen).toHaveLength(1);
  });

  it('outside demo mode is only for a signed-in admin', async () => {
    const engine = fakeEngine();
    const w = await adminWorld(t.db, { demo: false, chat: engine.handler });
    const anon = await w.app.request('/chat');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toBe('/login?next=/chat');
    expect(
      (await send(w, { chatId: 'x'.repeat(20), phone: '+628410000001', content: { kind: 'text', text: 'halo' } }))
        .status,
    ).toBe(401);
    // Sign in as admin, then the chat works with the session-bound token.
    const login = await signInDashboard(w, w.people.admin.phone);
    const cookie = `peken_session=${login.jar.peken_session}`;
    const { chatId, csrf } = await openChat(w, '+628420000001', cookie);
    expect(
      (await send(w, { chatId, phone: '+628420000001', content: { kind: 'text', text: 'pesanan' } }, csrf, cookie))
        .status,
    ).toBe(200);
    expect(engine.seen).toHaveLength(1);
  });

  it('keeps notifications for a web chat in its inbox until the page polls them, only for the phone it speaks as', async () => {
    const webChat = createWebChatChannel();
    const w = await adminWorld(t.db, { demo: true, chat: fakeEngine().handler, webChat });
    const { chatId, csrf } = await openChat(w, '+628420000001');
    await send(w, { chatId, phone: '+628420000001', content: { kind: 'text', text: 'halo' } }, csrf);
    expect(chatId).toBe(webChatIdOf('+628420000001'));
    await webChat.send(
      chatId!,
      { text: 'Pesanan baru PK-ABC234', options: [{ label: 'Terima', value: 'accept:1' }] },
      { category: 'order_update' },
    );
    const poll = (phone: string, after = 0) =>
      w.app
        .request(`/chat/api/poll?chatId=${chatId}&phone=${encodeURIComponent(phone)}&after=${after}`)
        .then((r) => r.json()) as Promise<{ items: { seq: number; message: { text: string } }[] }>;
    expect((await poll('+628410000001')).items).toEqual([]);
    const got = await poll('+628420000001');
    expect(got.items.map((i) => i.message.text)).toEqual(['Pesanan baru PK-ABC234']);
    expect((await poll('+628420000001', got.items[0]!.seq)).items).toEqual([]);
  });
});
