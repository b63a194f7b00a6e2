import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat } from '../../src/app/chat.js';
import { findChatLink } from '../../src/chat/chat-link.repository.js';
import { findConversation } from '../../src/chat/conversation.repository.js';
import { demoBuyerPhone, demoShopPhone, seedDemo } from '../../src/demo/seed-demo.js';
import { createWebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { domainServices } from '../support/services.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { clock: new ManualClock('2026-11-01T00:00:00Z'), buyers: 5, shopsPerKind: 2 });
});
afterEach(async () => t.cleanup());

/** The demo web chat with the real engine behind a trusted proxy, so that a test can speak from several addresses. */
async function world() {
  const chat = createChat({ db: t.db, ...domainServices(t.db), logger: silentLogger() }, {});
  const w = await adminWorld(t.db, {
    demo: true,
    chat: chat.engine,
    webChat: createWebChatChannel(),
    trustProxy: true,
    newWebChatLimit: { max: 2, windowMs: 3_600_000 },
  });
  /** Opens the phone's chat page and sends one message from `address`. */
  const say = async (phone: string, address: string, text = 'halo') => {
    const html = await (await w.app.request(`/chat?phone=${encodeURIComponent(phone)}`)).text();
    const chatId = /data-chat-id="([^"]+)"/.exec(html)![1]!;
    const csrf = /data-csrf="([^"]+)"/.exec(html)![1]!;
    const res = await w.app.request('/chat/api/send', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'x-forwarded-for': address },
      body: JSON.stringify({ chatId, phone, content: { kind: 'text', text } }),
    });
    return { res, chatId };
  };
  return { w, say };
}

describe('new demo web chats per address', () => {
  it('refuses the new chat past the limit with 429 and Retry-After, storing nothing; another address and existing chats go on', async () => {
    const { say } = await world();
    const a = '203.0.113.7';
    for (const n of [1, 2]) {
      const { res, chatId } = await say(demoBuyerPhone(n), a);
      expect(res.status).toBe(200);
      expect(await findConversation(t.db, 'web', chatId)).toBeDefined();
    }
    const third = await say(demoBuyerPhone(3), a);
    expect(third.res.status).toBe(429);
    expect(Number(third.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(third.res.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect(((await third.res.json()) as { error: { message: string } }).error.message).toMatch(
      /terlalu banyak chat baru/,
    );
    // Nothing changed: no conversation, no link for the refused chat.
    expect(await findConversation(t.db, 'web', third.chatId)).toBeUndefined();
    expect(await findChatLink(t.db, 'web', third.chatId)).toBeUndefined();

    // The chats already started from that address are not limited.
    for (let i = 0; i < 3; i++) expect((await say(demoBuyerPhone(1), a, '1')).res.status).toBe(200);
    // Nor is a seeded shop owner's chat: the seed already linked it, so it adds no row.
    expect((await say(demoShopPhone(1), a)).res.status).toBe(200);
    // Another address starts the same new chat.
    const other = await say(demoBuyerPhone(3), '198.51.100.9');
    expect(other.res.status).toBe(200);
    expect(await findConversation(t.db, 'web', other.chatId)).toBeDefined();
  });

  it('refuses a photo that would start a new chat past the limit as well', async () => {
    const { w, say } = await world();
    const a = '203.0.113.8';
    expect((await say(demoBuyerPhone(1), a)).res.status).toBe(200);
    expect((await say(demoBuyerPhone(2), a)).res.status).toBe(200);
    const phone = demoBuyerPhone(4);
    const html = await (await w.app.request(`/chat?phone=${encodeURIComponent(phone)}`)).text();
    const chatId = /data-chat-id="([^"]+)"/.exec(html)![1]!;
    const csrf = /data-csrf="([^"]+)"/.exec(html)![1]!;
    const res = await w.app.request(`/chat/api/photo?chatId=${chatId}&phone=${encodeURIComponent(phone)}&tooLarge=1`, {
      method: 'POST',
      headers: { 'x-csrf-token': csrf, 'x-forwarded-for': a },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await findConversation(t.db, 'web', chatId)).toBeUndefined();
  });
});
