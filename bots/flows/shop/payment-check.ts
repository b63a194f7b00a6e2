import { InvalidTransitionError } from '../../../src/orders/order.errors.js';
import { NotFoundError } from '../../../src/shared/errors.js';
import { asShopOf } from '../actor.js';
import { go, type FlowContext, type Outcome } from '../context.js';
import { shopOrder } from './orders.js';

/** The shop answers the buyer's "sudah bayar" with "belum diterima": a dispute for the admins. */
export async function moneyNotReceived(ctx: FlowContext, orderId: string): Promise<Outcome> {
  const o = await shopOrder(ctx, orderId);
  if (!o) return go({ step: 'shop_menu' }, ctx.t.orderNotFound);
  try {
    const after = await ctx.services.orders.denyReceived(orderId, asShopOf(ctx, o));
    return go({ step: 'shop_order', orderId }, ctx.t.notReceivedNoted({ code: after.code }));
  } catch (error) {
    if (error instanceof InvalidTransitionError || error instanceof NotFoundError) {
      const current = (await ctx.services.orders.get(orderId)) ?? o;
      return go(
        { step: 'shop_order', orderId },
        ctx.t.orderAlready({ code: current.code, status: ctx.t.status[current.status] }),
      );
    }
    throw error;
  }
}
