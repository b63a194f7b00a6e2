import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { createWebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld } from './support.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { clock: new ManualClock('2026-11-01T00:00:00Z'), buyers: 5, shopsPerKind: 1 });
});
afterAll(async () => {
  await t?.cleanup();
});

const title = async (w: Awaited<ReturnType<typeof adminWorld>>, phone: string) => {
  const html = await (await w.app.request(`/chat?phone=${encodeURIComponent(phone)}`)).text();
  return /<title>([^<]*)<\/title>/.exec(html)?.[1];
};

describe('web chat page of one demo phone', () => {
  // The page looks up that one phone (it read the whole demo directory, 5,000 rows, for every page opened).
  it("is named after that person: the ASN, the contact's shop, the admin, else the number", async () => {
    const w = await adminWorld(t.db, { demo: true, webChat: createWebChatChannel() });
    const row = (table: 'buyers' | 'admins', phone: string) =>
      t.db.selectFrom(table).select('name').where('phone', '=', phone).executeTakeFirstOrThrow();
    const shopOf = (phone: string) =>
      t.db
        .selectFrom('shop_contacts as c')
        .innerJoin('shops as s', 's.id', 'c.shop_id')
        .select('s.name')
        .where('c.phone', '=', phone)
        .executeTakeFirstOrThrow();
    expect(await title(w, '+628410000005')).toBe(`Chat · ${(await row('buyers', '+628410000005')).name}`);
    expect(await title(w, '+628410000001')).toBe(`Chat · ${(await row('buyers', '+628410000001')).name}`);
    expect(await title(w, '+628420000001')).toBe(`Chat · ${(await shopOf('+628420000001')).name}`);
    expect(await title(w, '+628430000001')).toBe(`Chat · ${(await row('admins', '+628430000001')).name}`);
    // A demo number nobody has is shown as the number.
    expect(await title(w, '+628410009999')).toBe('Chat · +628410009999');
  });
});
