import type { Random } from '../shared/random.js';
import type { DeliveryResult, NotificationToDeliver } from '../notify/delivery.js';
import type { SimBuyer, SimShop } from './city.js';

export interface PlacedOrder {
  orderId: string;
  code: string;
  shopId: number;
  total: number;
}

/** How the buyer picks from a listing: mostly the first page, top first. Drawn by the agent, applied by the driver. */
export interface ShoppingIntent {
  /** Index into the listing as shown (0 = first shop shown). */
  position: number;
  /** A shop the buyer ordered from before and looks for first, if it is still listed. */
  favouriteShopId: number | null;
  /** Products wanted (1–3) and how many of each; indexes into the shop's product list, wrapped. */
  picks: { index: number; quantity: number }[];
}

/**
 * The port through which agents act. The direct driver calls the services; the engine driver sends chat
 * messages through the conversation engine, as a person would.
 */
export interface SimDriver {
  readonly name: 'direct' | 'engine';
  /** Browses the shops listed for the buyer, picks one by the intent, fills a cart and checks out. */
  order(buyer: SimBuyer, intent: ShoppingIntent, rnd: Random): Promise<PlacedOrder | null>;
  /** False when the order had moved on (the shop accepted first). */
  cancel(buyer: SimBuyer, order: PlacedOrder, rnd: Random): Promise<boolean>;
  confirmReceived(buyer: SimBuyer, order: PlacedOrder, rnd: Random): Promise<boolean>;
  accept(shop: SimShop, orderId: string, rnd: Random): Promise<boolean>;
  reject(shop: SimShop, orderId: string, reason: string, rnd: Random): Promise<boolean>;
  markDelivered(shop: SimShop, orderId: string, rnd: Random): Promise<boolean>;
  confirmPaid(shop: SimShop, orderId: string, rnd: Random): Promise<boolean>;
  /** The order's status as the shopkeeper would see it in the chat's order list. */
  orderStatus(orderId: string): Promise<string | undefined>;
  /** Inbound updates that were delivered twice on purpose (the duplicate-update fault). */
  duplicatesDelivered(): number;
  /** Repeated updates that the engine answered or acted on (engine driver): must stay 0. */
  duplicatesAnswered(): number;
  /** A notification from a worker process, delivered by the chat layer in this process (engine driver). */
  deliver?(n: NotificationToDeliver): Promise<DeliveryResult>;
  close?(): Promise<void>;
}
