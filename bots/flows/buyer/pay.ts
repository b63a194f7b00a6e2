import { go, type FlowContext, type Outcome } from '../context.js';

/**
 * "Bayar" on the buyer's own order: the payable QR again (an image before the reply, caption: merchant,
 * amount, order code), then the shop's other payment instructions above the order's detail. A shop without
 * QRIS: the instructions only.
 */
export async function payOrder(ctx: FlowContext, orderId: string): Promise<Outcome> {
  const { t, services } = ctx;
  const buyer = await ctx.buyer();
  const order = buyer ? await services.orders.get(orderId) : undefined;
  if (!order || order.buyer_id !== buyer?.id) return go({ step: 'my_orders' }, t.orderNotFound);
  const back = { step: 'my_order', orderId } as const;
  if (order.status !== 'accepted' && order.status !== 'delivered')
    return go(back, t.payNotNow({ code: order.code, status: t.status[order.status] }));
  const payment = (await services.shopLookup.find(order.shop_id))?.payment_instructions ?? '';
  const qr = await services.payQr.forOrder(orderId);
  if (!qr) return go(back, t.payNoQris({ payment }));
  ctx.before.push({
    text: t.qrisCaption({ merchant: qr.merchantName, total: qr.amount, code: qr.code }),
    image: { kind: 'png', bytes: qr.png, name: `qris-${qr.code}.png` },
  });
  return go(back, t.payHow({ payment }));
}
