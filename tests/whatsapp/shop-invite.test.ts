import { afterEach, describe, expect, it } from 'vitest';
import { createListingService } from '../../src/shops/listing.service.js';
import { createShopInviteService } from '../../src/shops/shop-invite.service.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { gatewayWorld } from './gateway-world.js';

let world: Awaited<ReturnType<typeof gatewayWorld>> | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const OWNER = '+6281234577701';
const HELPER = '+6281234577702';
const STRANGER = '+6281234577703';
const jid = (phone: string) => `${phone.slice(1)}@c.us`;

describe('a shop invitation over WhatsApp (issue 14)', () => {
  it("the first message with the parameter links the shop's contact; a stranger gets a kind refusal; a forged parameter links nothing, not even the owner", async () => {
    world = await gatewayWorld();
    const w = world;
    const shop = await makeShop(w.db, { ownerPhone: OWNER });
    await w.db
      .insertInto('shop_contacts')
      .values({ shop_id: shop.id, phone: HELPER, name: 'Mbak Rini', role: 'helper' })
      .execute();
    const beras = await makeProduct(w.db, shop.id, { name: 'beras', price: 65_000 });
    const buyer = await makeBuyer(w.db);
    const listing = createListingService({
      db: w.db,
      clock: w.core.clock,
      settings: w.core.settings,
      liveChannels: () => w.core.liveChannels(),
    });
    const listed = async () => (await listing.shopsFor(buyer.id, 0, 50)).items.map((s) => s.id);
    const invites = createShopInviteService({
      db: w.db,
      clock: w.core.clock,
      liveChannels: () => w.core.liveChannels(),
    });
    await waitUntil(
      async () => (await w.core.liveChannels())?.has('whatsapp') ?? false,
      10_000,
      'the WhatsApp channel marked alive',
    );
    const param = (await invites.unreachable({ shopId: shop.id }))[0]!.param;
    expect(await listed()).not.toContain(shop.id);

    const placed = await w.core.orders.place({
      buyerId: buyer.id,
      shopId: shop.id,
      items: [{ productId: beras.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    const code = (await w.core.orders.get(placed.id))!.code;
    await waitUntil(
      async () =>
        (await w.db.selectFrom('notifications').select('status').where('order_id', '=', placed.id).executeTakeFirst())
          ?.status === 'unreachable',
      15_000,
      'the notice stored unreachable',
    );
    const linkOf = (phone: string) =>
      w.db.selectFrom('chat_links').selectAll().where('channel', '=', 'whatsapp').where('phone', '=', phone).execute();

    // A forged parameter: even the owner's number is not linked by it.
    const owner = w.person(jid(OWNER));
    expect(await owner.say('toko_abcdefghijklmnop')).toContain('kode undangan ini tidak berlaku');
    expect(await linkOf(OWNER)).toEqual([]);

    // The right parameter from a number that is nobody at the shop.
    const stranger = w.person(jid(STRANGER));
    const refusal = await stranger.say(param);
    expect(refusal).toContain(`nomor ${STRANGER} tidak tercatat sebagai pemilik atau pembantu ${shop.name}`);
    expect(await linkOf(STRANGER)).toEqual([]);
    expect(await listed()).not.toContain(shop.id);

    // The helper's phone opens the wa.me link: the prefilled text holds the parameter (with words around it).
    const helper = w.person(jid(HELPER));
    const linked = await helper.say(`Halo ${param}`);
    expect(linked).toContain(`Terima kasih, Mbak Rini! Chat ini sekarang tersambung dengan ${shop.name}`);
    expect(linked).toContain('Pesanan masuk (1)');
    expect(await linkOf(HELPER)).toMatchObject([{ role: 'shop', shop_id: shop.id }]);
    expect(await listed()).toContain(shop.id);
    // The order that waited reaches the helper.
    await w.waitForText(helper.jid, `Pesanan baru ${code}`);
  }, 60_000);
});
