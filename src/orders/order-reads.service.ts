import type { Db } from '../db/database.js';
import { lastDeliveryAddress, orderItems, ordersOfBuyer, ordersOfShop } from './order.repository.js';
import type { OrderStatus } from './order.table.js';
import { awaitingBuyerPayment } from './payment.repository.js';

/**
 * What the chat flows read about orders (lists, lines, the last address), beside the order service, which
 * holds the transitions. Reads only: no rule lives here.
 */
export interface OrderReadService {
  /** The buyer's orders, newest first. */
  ofBuyer(buyerId: number, limit: number): ReturnType<typeof ordersOfBuyer>;
  /** The shop's orders in these states, newest first. */
  ofShop(shopId: number, statuses: readonly OrderStatus[], limit: number): ReturnType<typeof ordersOfShop>;
  items(orderId: string): ReturnType<typeof orderItems>;
  lastDeliveryAddress(buyerId: number): Promise<string | null>;
  /** The buyer's accepted or delivered orders not yet reported paid. */
  awaitingBuyerPayment(buyerId: number): ReturnType<typeof awaitingBuyerPayment>;
}

export function createOrderReadService(deps: { db: Db }): OrderReadService {
  const { db } = deps;
  return {
    ofBuyer: (buyerId, limit) => ordersOfBuyer(db, buyerId, limit),
    ofShop: (shopId, statuses, limit) => ordersOfShop(db, shopId, statuses, limit),
    items: (orderId) => orderItems(db, orderId),
    lastDeliveryAddress: (buyerId) => lastDeliveryAddress(db, buyerId),
    awaitingBuyerPayment: (buyerId) => awaitingBuyerPayment(db, buyerId),
  };
}
