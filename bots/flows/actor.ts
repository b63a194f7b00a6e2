import type { Actor, Order } from '../../src/orders/order.service.js';
import type { FlowContext } from './context.js';

/** Where this message came from, for the order's log. */
export const viaOf = (ctx: FlowContext) => ({ channel: ctx.channel, phone: ctx.phone });

/** The sender acting for the order's shop (the caller checked they are its contact). */
export const asShopOf = (ctx: FlowContext, o: Order): Actor => ({ kind: 'shop', shopId: o.shop_id, via: viaOf(ctx) });

export const asBuyerOf = (ctx: FlowContext, buyerId: number): Actor => ({ kind: 'buyer', buyerId, via: viaOf(ctx) });
