import { afterEach, describe, expect, it } from 'vitest';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { gatewayWorld } from './gateway-world.js';

let world: Awaited<ReturnType<typeof gatewayWorld>> | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const OWNER = '+6281234544444';
const jid = (phone: string) => `${phone.slice(1)}@c.us`;

/** A linked shopkeeper on WhatsApp with two orders waiting for an answer, each notice received. */
async function twoWaiting() {
  world = await gatewayWorld();
  const w = world;
  const shop = await makeShop(w.db, { ownerPhone: OWNER });
  const beras = await makeProduct(w.db, shop.id, { name: 'beras', price: 65_000 });
  const owner = w.person(jid(OWNER));
  await owner.say('halo');
  const place = async (quantity: number) => {
    const buyer = await makeBuyer(w.db);
    const o = await w.core.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: beras.id, quantity }],
      fulfilment: 'pickup',
    });
    return (await w.core.orders.get(o.id))!;
  };
  const a = await place(1);
  await w.waitForText(owner.jid, `Pesanan baru ${a.code}`);
  const b = await place(2);
  await w.waitForText(owner.jid, `Pesanan baru ${b.code}`);
  // Both notices out, and the chat moved to the last one's question (B), as before this feature.
  await w.wa.pacer.idle();
  const noticeOf = (code: string) => w.sendsTo(owner.jid).find((s) => s.text.includes(`Pesanan baru ${code}`))!;
  const status = async (id: string) => (await w.core.orders.get(id))!.status;
  return { w, owner, a, b, noticeOf, status };
}

describe('replies reach the right order on WhatsApp', () => {
  it('a quoted "1" accepts the quoted order, not the last notice; then a bare "1" accepts the one still waiting', async () => {
    const { owner, a, b, noticeOf, status } = await twoWaiting();

    // Swipe-to-reply on the FIRST notice (A), although B's came last.
    const r = await owner.say('1', undefined, noticeOf(a.code).id);
    expect(r).toContain(`Pesanan ${a.code} diterima`);
    expect(await status(a.id)).toBe('accepted');
    expect(await status(b.id)).toBe('reserved');
    // The next waiting order comes up, so that the next bare answer is about an order on screen.
    expect(r).toContain('Masih ada 1 pesanan menunggu');
    expect(r).toContain(b.code);

    // Only B waits now: a bare "1" answers it without a question.
    expect(await owner.say('1')).toContain(`Pesanan ${b.code} diterima`);
    expect(await status(b.id)).toBe('accepted');
  }, 60_000);

  it('a bare "1" while two orders wait asks which one, as a numbered list, and the pick accepts that one', async () => {
    const { w, owner, a, b, status } = await twoWaiting();

    const ask = await owner.say('1');
    expect(ask).toContain('Ada 2 pesanan yang menunggu jawaban');
    // Numbered: code, the buyer's first name, the total; oldest first.
    const lines = ask.split('\n').filter((l) => /^\d+\. PK-/.test(l));
    expect(lines[0]).toMatch(new RegExp(`^1\\. ${a.code} · ASN · Rp\\s65\\.000$`));
    expect(lines[1]).toMatch(new RegExp(`^2\\. ${b.code} · ASN · Rp\\s130\\.000$`));
    // Nothing was guessed.
    expect(await status(a.id)).toBe('reserved');
    expect(await status(b.id)).toBe('reserved');

    const picked = await owner.say('2');
    expect(picked).toContain(`Pesanan ${b.code} diterima`);
    expect(await status(b.id)).toBe('accepted');
    expect(await status(a.id)).toBe('reserved');
    // A comes up next; "ya" answers it.
    expect(picked).toContain(a.code);
    expect(await owner.say('ya')).toContain(`Pesanan ${a.code} diterima`);
    await waitUntil(async () => (await status(a.id)) === 'accepted', 5000, 'A accepted');

    // Every notice sent on WhatsApp is remembered with its order, for later replies.
    const remembered = await w.db
      .selectFrom('notice_messages')
      .select(['order_id', 'template'])
      .where('channel', '=', 'whatsapp')
      .execute();
    expect(remembered).toEqual(
      expect.arrayContaining([
        { order_id: a.id, template: 'order.new' },
        { order_id: b.id, template: 'order.new' },
      ]),
    );
  }, 60_000);
});
