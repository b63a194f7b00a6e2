import { createChatLocks, createConversationEngine, createNotificationDelivery } from '../../bots/flows/index.js';
import type { OutboundMessage } from '../chat/ports.js';
import type { Core } from '../app/core.js';
import type { DeliveryResult, NotificationToDeliver } from '../notify/delivery.js';
import { findOrder, ordersOfBuyer } from '../orders/order.repository.js';
import { seededRandom, type Random } from '../shared/random.js';
import type { FaultyApi } from './chat-api.js';
import type { City, SimBuyer, SimShop } from './city.js';
import type { PlacedOrder, ShoppingIntent, SimDriver } from './driver.js';
import { createEngineChat, valuesOf, type ChatStats, type EngineChat } from './engine-chat.js';
import { createSimChannel } from './sim-channel.js';
import type { ListingPolicy } from '../shops/listing-policy.js';
import type { AreaPolicy } from '../areas/area-policy.js';

const SHOPS_PER_PAGE = 8;
const startsWith = (prefix: string) => (v: string) => v.startsWith(prefix);

/**
 * Agents chatting with the conversation engine (bots/flows) in this process, as people do on Telegram and
 * WhatsApp: buttons pressed from what the engine showed, numbers and words typed. Notices come from the
 * worker processes' notify workers to `deliver`, which is the chat layer's own delivery (sharing the
 * engine's chat locks, as in `npm start`) over the simulated `web` channel.
 */
export interface DriverDeps {
  core: Core;
  city: City;
  /** The run's area policy (already stored as the setting `area_policy`); the direct driver lists by it. */
  area: AreaPolicy;
  /** The listing policy of the run (already stored as the setting `listing_policy`; named in the report). */
  listing: ListingPolicy;
  seed: number;
  duplicateRate: number;
  api: FaultyApi;
  onNotice: (n: NotificationToDeliver) => void;
}

export async function createEngineDriver(p: DriverDeps): Promise<SimDriver> {
  const { core } = p;
  const locks = createChatLocks();
  const engine = createConversationEngine({
    db: core.db,
    clock: core.clock,
    settings: core.settings,
    orders: core.orders,
    locks,
    logger: core.logger,
  });
  const chats = new Map<string, EngineChat>();
  const channel = createSimChannel({ api: p.api, received: (chatId, m) => chats.get(chatId)?.pushed(m) });
  const delivery = createNotificationDelivery({ db: core.db, clock: core.clock, channels: { web: channel }, locks });
  const stats: ChatStats = { messages: 0, duplicatesDelivered: 0, duplicatesAnswered: 0 };
  let seq = 0;
  const nextId = () => `sim-${++seq}`;

  function chatOf(chatId: string, phone: string): EngineChat {
    let c = chats.get(chatId);
    if (!c) {
      c = createEngineChat({ engine, chatId, phone, duplicateRate: p.duplicateRate, stats, nextId });
      chats.set(chatId, c);
    }
    return c;
  }
  const shopChat = (phone: string) => chatOf(`s${phone}`, phone);
  const linked = new Set<number>();
  async function buyerChat(buyer: SimBuyer, rnd: Random): Promise<EngineChat> {
    const c = chatOf(`b${buyer.id}`, buyer.phone);
    if (!linked.has(buyer.id)) {
      // The first message links the chat by the sender's number and greets; then the menu is there.
      await c.text(rnd.pick(['halo', 'assalamualaikum', 'permisi', 'menu']), rnd);
      linked.add(buyer.id);
    }
    return c;
  }

  const orderRow = (id: string) => findOrder(core.db, id);

  // Shopkeepers open the chat before the month: every contact (owner, helpers) of every open shop.
  const bootRnd = seededRandom(p.seed);
  for (const shop of p.city.shops.filter((s) => s.active)) {
    for (const phone of shop.phones) {
      const r = await shopChat(phone).text('halo', bootRnd);
      // A number that is also an ASN is asked which side this chat is for.
      const side = valuesOf(r).find((v) => v === `role:shop:${shop.id}`);
      if (side) await shopChat(phone).press(side, bootRnd);
    }
  }

  /** The chat a shopkeeper answers an order in: the one where its notice is on top, else the owner's. */
  function answeringChat(shop: SimShop, orderId: string): { chat: EngineChat; onTop: boolean } {
    for (const phone of shop.phones) {
      const c = shopChat(phone);
      if (c.lastPushedOffers(`acc:${orderId}`)) return { chat: c, onTop: true };
    }
    return { chat: shopChat(shop.phones[0]!), onTop: false };
  }

  async function browse(c: EngineChat, intent: ShoppingIntent, rnd: Random): Promise<OutboundMessage | null> {
    if (intent.favouriteShopId !== null) {
      // An older message's button still opens the shop, if the buyer may still order there.
      const r = await c.press(`shop:${intent.favouriteShopId}`, rnd);
      if (valuesOf(r).some(startsWith('prod:'))) return r;
    }
    let r = await c.press('shops', rnd);
    const page = Math.floor(intent.position / SHOPS_PER_PAGE);
    for (let i = 0; i < page && valuesOf(r).includes(`shops:${i + 1}`); i++) r = await c.press(`shops:${i + 1}`, rnd);
    const shops = valuesOf(r).filter(startsWith('shop:'));
    if (shops.length === 0) return null;
    return c.press(shops[Math.min(intent.position % SHOPS_PER_PAGE, shops.length - 1)]!, rnd);
  }

  async function fillCart(
    c: EngineChat,
    products: OutboundMessage,
    intent: ShoppingIntent,
    rnd: Random,
  ): Promise<boolean> {
    let shown = valuesOf(products).filter(startsWith('prod:'));
    if (shown.length === 0) return false;
    const chosen = new Set<number>();
    let r = products;
    for (const pick of intent.picks) {
      const index = pick.index % shown.length;
      if (chosen.has(index)) continue;
      chosen.add(index);
      // Half type "item quantity" at the list, half press the item and type the quantity.
      if (rnd.chance(0.5)) r = await c.text(`${index + 1} ${pick.quantity}`, rnd);
      else {
        await c.press(shown[index]!, rnd);
        r = await c.text(String(pick.quantity), rnd);
      }
      const now = valuesOf(r).filter(startsWith('prod:'));
      if (now.length > 0) shown = now;
    }
    return valuesOf(r).includes('cart');
  }

  async function checkout(c: EngineChat, rnd: Random): Promise<OutboundMessage> {
    const cart = await c.press('cart', rnd);
    if (!valuesOf(cart).includes('checkout')) return cart;
    await c.press('checkout', rnd);
    // Delivery asks where to (a real address: "-" is refused); pickup goes straight to the confirmation.
    let confirm: OutboundMessage;
    if (rnd.chance(0.8)) {
      await c.press('ful:delivery', rnd);
      confirm = await c.text(
        rnd.pick(['Jl. Melati 5 RT 02/RW 03', 'Jl. Kenanga 12, pagar hijau', 'Gang Mawar 3 no. 7']),
        rnd,
      );
    } else confirm = await c.press('ful:pickup', rnd);
    if (!valuesOf(confirm).includes('place')) return confirm;
    return rnd.chance(0.5) ? c.text(rnd.pick(['ya', '1', 'iya']), rnd) : c.press('place', rnd);
  }

  /** Sends the step, then reads the order: the agent knows the outcome the way the person sees it. */
  async function step(
    orderId: string,
    act: () => Promise<unknown>,
    done: (o: { status: string; paid_at: string | null }) => boolean,
  ): Promise<boolean> {
    await act();
    const after = await orderRow(orderId);
    return after !== undefined && done(after);
  }

  return {
    name: 'engine',
    async order(buyer, intent, rnd) {
      const c = await buyerChat(buyer, rnd);
      const products = await browse(c, intent, rnd);
      if (!products || !(await fillCart(c, products, intent, rnd))) return null;
      const placed = await checkout(c, rnd);
      const [latest] = await ordersOfBuyer(core.db, buyer.id, 1);
      // The reply carries the code of the stored order; anything else (a stale cart, an idle reset) is no order.
      if (!latest || !placed.text.includes(latest.code)) return null;
      return {
        orderId: latest.id,
        code: latest.code,
        shopId: latest.shop_id,
        total: latest.total,
      } satisfies PlacedOrder;
    },
    async cancel(buyer, o, rnd) {
      const c = await buyerChat(buyer, rnd);
      return step(
        o.orderId,
        async () => {
          const r = await c.press(`cnl:${o.orderId}`, rnd);
          if (valuesOf(r).includes(`cnlok:${o.orderId}`))
            await (rnd.chance(0.5) ? c.text('ya', rnd) : c.press(`cnlok:${o.orderId}`, rnd));
        },
        (x) => x.status === 'cancelled',
      );
    },
    async confirmReceived(buyer, o, rnd) {
      const c = await buyerChat(buyer, rnd);
      return step(
        o.orderId,
        () => c.press(`recv:${o.orderId}`, rnd),
        (x) => x.status === 'delivered' || x.status === 'completed',
      );
    },
    async accept(shop, orderId, rnd) {
      const { chat, onTop } = answeringChat(shop, orderId);
      return step(
        orderId,
        async () => {
          // Under the notice a bare "1" (or "ya") answers it; after a long pause the engine starts over, and
          // the shopkeeper presses the notice's button instead.
          if (onTop) await chat.text(rnd.pick(['1', '1', 'ya', 'nggih']), rnd);
          if ((await orderRow(orderId))?.status === 'reserved') await chat.press(`acc:${orderId}`, rnd);
        },
        (x) => x.status === 'accepted',
      );
    },
    async reject(shop, orderId, reason, rnd) {
      const { chat, onTop } = answeringChat(shop, orderId);
      return step(
        orderId,
        async () => {
          let r = onTop ? await chat.text(rnd.pick(['2', 'tidak', 'mboten']), rnd) : null;
          if (!r || !valuesOf(r).includes(`why:stock:${orderId}`)) r = await chat.press(`rej:${orderId}`, rnd);
          if (!valuesOf(r).includes(`why:stock:${orderId}`)) return;
          await (rnd.chance(0.5) ? chat.press(`why:stock:${orderId}`, rnd) : chat.text(reason, rnd));
        },
        (x) => x.status === 'rejected',
      );
    },
    async markDelivered(shop, orderId, rnd) {
      const chat = shopChat(shop.phones[0]!);
      return step(
        orderId,
        () => chat.press(`dlv:${orderId}`, rnd),
        (x) => x.status === 'delivered' || x.status === 'completed',
      );
    },
    async confirmPaid(shop, orderId, rnd) {
      const chat = shopChat(shop.phones[0]!);
      return step(
        orderId,
        () => chat.press(`paid:${orderId}`, rnd),
        (x) => x.paid_at !== null,
      );
    },
    orderStatus: async (id) => (await orderRow(id))?.status,
    duplicatesDelivered: () => stats.duplicatesDelivered,
    duplicatesAnswered: () => stats.duplicatesAnswered,
    async deliver(n: NotificationToDeliver): Promise<DeliveryResult> {
      const result = await delivery.deliver(n);
      if (result.status === 'sent') p.onNotice(n);
      return result;
    },
  };
}
