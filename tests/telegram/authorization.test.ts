import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { telegramWorld, type TelegramUser } from './support.js';

/**
 * Callback data comes from the person's Telegram app and can be forged (any client can send any
 * callback_data). Whatever it names, the engine must check the sender; here through the real bot.
 */
let t: TestDb;
let world: Awaited<ReturnType<typeof telegramWorld>>;
beforeEach(async () => {
  t = await createTestDb();
  world = await telegramWorld(t.db, 'webhook', t.dir);
});
afterEach(async () => {
  await world.close();
  await t.cleanup();
});

const OWNER_A = '+6281234600001';
const OWNER_B = '+6281234600002';
const BUYER_A = '+6281234600003';
const BUYER_B = '+6281234600004';

/** Shop A has a reserved order from buyer A; shop B and buyer B are linked strangers to it. */
async function scene() {
  const shopA = await makeShop(t.db, { ownerPhone: OWNER_A });
  await makeShop(t.db, { ownerPhone: OWNER_B });
  const product = await makeProduct(t.db, shopA.id, { name: 'telur', price: 28_000 });
  const buyerA = await makeBuyer(t.db, { phone: BUYER_A });
  await makeBuyer(t.db, { phone: BUYER_B });
  const link = async (id: number, phone: string) => {
    const u = world.user(id);
    await u.contact(phone);
    return u;
  };
  const ownerB = await link(5002, OWNER_B);
  const buyerB = await link(5004, BUYER_B);
  const order = await world.w.orders.place({
    buyerId: buyerA.id,
    shopId: shopA.id,
    items: [{ productId: product.id, quantity: 1 }],
    fulfilment: 'pickup',
  });
  expect((await world.w.orders.reserve(order.id)).outcome).toBe('reserved');
  return { order, ownerB, buyerB };
}

/** Everything a forged action could change. */
const snapshot = async () => ({
  orders: await t.db.selectFrom('orders').selectAll().orderBy('id').execute(),
  ledger: await t.db.selectFrom('ledger_entries').selectAll().orderBy('id').execute(),
  notifications: await t.db.selectFrom('notifications').select(['template', 'recipient_phone']).orderBy('id').execute(),
});

async function expectPoliteNoEffect(u: TelegramUser, act: () => Promise<Array<{ text: string }>>, code: string) {
  const before = await snapshot();
  const replies = await act();
  expect(replies.length).toBeGreaterThanOrEqual(1);
  // A reply that tells nothing about the order: not found, or the person's own menu.
  for (const r of replies) {
    // Quoting back what the person typed ("belum saya pahami: “PK-…”") tells them nothing new.
    const told = r.text.replace(/“[^”]*”/g, '“…”');
    expect(told).not.toContain(code);
    expect(told).not.toContain('telur');
    expect(r.text).not.toMatch(/error|exception|stack/i);
  }
  expect(await snapshot()).toEqual(before);
  return replies.map((r) => r.text).join('\n');
}

describe('authorization through Telegram', () => {
  it("a shopkeeper cannot accept, reject, deliver or mark paid another shop's order by forged buttons", async () => {
    const { order, ownerB } = await scene();
    for (const data of [
      `acc:${order.id}`,
      `rej:${order.id}`,
      `why:stock:${order.id}`,
      `dlv:${order.id}`,
      `paid:${order.id}`,
      `sord:${order.id}`,
      `dec:${order.id}`,
    ]) {
      const text = await expectPoliteNoEffect(ownerB, () => ownerB.press(data), order.code);
      if (data.startsWith('acc') || data.startsWith('dlv') || data.startsWith('paid') || data.startsWith('why'))
        expect(text).toContain('tidak ditemukan');
    }
    expect((await world.w.orders.get(order.id))!.status).toBe('reserved');
  });

  it('a shopkeeper typing the order id or a bare "1" does not act on another shop\'s order', async () => {
    const { order, ownerB } = await scene();
    for (const typed of [`acc:${order.id}`, order.code, `terima ${order.code}`, '1', 'ya']) {
      await expectPoliteNoEffect(ownerB, () => ownerB.text(typed), order.code);
    }
  });

  it("a buyer cannot view, cancel or confirm another buyer's order, by button or by typing", async () => {
    const { order, buyerB } = await scene();
    for (const data of [`ord:${order.id}`, `cnl:${order.id}`, `cnlok:${order.id}`, `recv:${order.id}`]) {
      await expectPoliteNoEffect(buyerB, () => buyerB.press(data), order.code);
    }
    for (const typed of [order.code, `batal ${order.code}`, `cnlok:${order.id}`]) {
      await expectPoliteNoEffect(buyerB, () => buyerB.text(typed), order.code);
    }
    expect((await world.w.orders.get(order.id))!.status).toBe('reserved');
  });

  it('an unlinked chat pressing a forged button is only asked to share its number', async () => {
    const { order } = await scene();
    const stranger = world.user(5009);
    const text = await expectPoliteNoEffect(stranger, () => stranger.press(`acc:${order.id}`), order.code);
    expect(text).toContain('Bagikan nomor');
    expect(stranger.last()!.params.reply_markup).toMatchObject({ keyboard: [[{ request_contact: true }]] });
  });

  it("sharing someone else's contact card does not link the chat to them", async () => {
    await scene();
    const impostor = world.user(5010);
    const replies = await impostor.contact(OWNER_A.slice(1), 999_999);
    expect(replies.at(-1)!.text).toContain('sendiri');
    const noUserId = await impostor.contact(OWNER_A.slice(1), null);
    expect(noUserId.at(-1)!.text).toContain('sendiri');
    expect(await t.db.selectFrom('chat_links').select('chat_id').where('chat_id', '=', '5010').execute()).toEqual([]);
  });
});
