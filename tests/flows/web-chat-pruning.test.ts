import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatLinksOfPhone, findChatLink, upsertChatLink } from '../../src/chat/chat-link.repository.js';
import { findConversation, saveConversation } from '../../src/chat/conversation.repository.js';
import { startProcessedPruning } from '../../src/chat/processed-pruning.js';
import { webChatIdOf } from '../../src/chat/web-chat-id.js';
import { DEMO_ADMINS, demoBuyerPhone, demoShopPhone, seedDemo } from '../../src/demo/seed-demo.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { listCandidates } from '../../src/shops/listing.repository.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { clock: new ManualClock('2026-11-01T00:00:00Z'), buyers: 5, shopsPerKind: 2 });
});
afterEach(async () => t.cleanup());

const OLD = '2026-11-10T00:00:00.000Z';
const RECENT = '2026-11-19T20:00:00.000Z';

/** A web chat as the engine leaves it: the person's link and the conversation's state, last touched `at`. */
async function webChat(phone: string, at: string, role: 'buyer' | 'shop' | null, shopId: number | null = null) {
  const chatId = webChatIdOf(phone);
  await upsertChatLink(t.db, { channel: 'web', chatId, phone, role, shopId, at });
  await saveConversation(t.db, { channel: 'web', chatId, state: '{"step":"menu"}', language: 'id', at });
  return chatId;
}

/** The shops a buyer anywhere in the city is shown when only the web chat runs. */
async function listedOnWeb(): Promise<number[]> {
  const rows = await listCandidates(t.db, {
    policy: 'city',
    home: '',
    period: '2026-11',
    defaultCap: 1e12,
    reachableOn: ['web'],
    now: RECENT,
  });
  return rows.map((r) => r.id);
}

describe('pruning idle demo web chats', () => {
  it("removes an idle anonymous web chat, keeps a recent one, shop owners' and admins' web chats and every Telegram chat", async () => {
    const idle = await webChat(demoBuyerPhone(1), OLD, 'buyer');
    const recent = await webChat(demoBuyerPhone(2), RECENT, 'buyer');
    // A seeded owner who chatted long ago: the seed's link is what keeps the shop listed.
    const ownerPhone = demoShopPhone(1);
    const ownerLink = await findChatLink(t.db, 'web', webChatIdOf(ownerPhone));
    expect(ownerLink?.shop_id).toBeTypeOf('number');
    await saveConversation(t.db, {
      channel: 'web',
      chatId: webChatIdOf(ownerPhone),
      state: '{"step":"menu"}',
      language: 'id',
      at: OLD,
    });
    const listedBefore = await listedOnWeb();
    expect(listedBefore).toContain(ownerLink!.shop_id);
    // A demo admin's web chat gets the sign-in codes.
    const admin = await webChat(DEMO_ADMINS[0]!.phone, OLD, null);
    // The same buyer on Telegram, idle just as long: a real platform's chat is never pruned here.
    await upsertChatLink(t.db, {
      channel: 'telegram',
      chatId: '777',
      phone: demoBuyerPhone(3),
      role: 'buyer',
      shopId: null,
      at: OLD,
    });
    await saveConversation(t.db, {
      channel: 'telegram',
      chatId: '777',
      state: '{"step":"menu"}',
      language: 'id',
      at: OLD,
    });

    const clock = new ManualClock('2026-11-20T00:00:00Z');
    const pruning = startProcessedPruning({ db: t.db, clock, logger: silentLogger(), webIdleMs: 24 * 3_600_000 });
    try {
      await waitUntil(
        async () => (await findConversation(t.db, 'web', idle)) === undefined,
        5000,
        'idle web chat pruned',
      );
      expect(await findChatLink(t.db, 'web', idle)).toBeUndefined();
      expect(await findConversation(t.db, 'web', recent)).toBeDefined();
      expect(await findChatLink(t.db, 'web', recent)).toBeDefined();
      expect(await findChatLink(t.db, 'web', webChatIdOf(ownerPhone))).toEqual(ownerLink);
      expect(await findConversation(t.db, 'web', webChatIdOf(ownerPhone))).toBeDefined();
      expect(await listedOnWeb()).toEqual(listedBefore);
      expect(await findChatLink(t.db, 'web', admin)).toBeDefined();
      expect(await findConversation(t.db, 'web', admin)).toBeDefined();
      expect((await chatLinksOfPhone(t.db, demoBuyerPhone(3))).map((l) => l.channel)).toEqual(['telegram']);
      expect(await findConversation(t.db, 'telegram', '777')).toBeDefined();
    } finally {
      pruning.stop();
    }
  });
});
