import { go, opt, type FlowContext, type Outcome, type Prompt } from '../context.js';
import { splitValue } from '../format.js';
import { renderNotice } from '../notice-render.js';
import type { State } from '../session.js';

/** More than a shopkeeper can read in one message; the rest are in "Pesanan masuk". */
const MAX_LISTED = 9;

/** Orders of the shop still waiting for its answer, oldest first. */
async function waiting(ctx: FlowContext, shopId: number, limit = MAX_LISTED) {
  return ctx.services.orderReads.ofShop(shopId, ['reserved'], limit);
}

/**
 * A reply to one of our order notices (a WhatsApp quote, a Telegram reply): the chat moves to that notice's
 * question for its order, so that "1" or "ya" answers the order the person pointed at. A reply to anything
 * else (or to a notice that asked nothing) changes nothing.
 */
export async function applyReplyTarget(ctx: FlowContext, replyTo: string | undefined): Promise<boolean> {
  if (!replyTo) return false;
  const notice = await ctx.services.conversations.findNoticeMessage(ctx.channel, ctx.chatId, replyTo);
  if (!notice) return false;
  const expects = renderNotice(ctx.t, notice.template, {}, notice.order_id).expects;
  if (!expects) return false;
  // Chosen by the person: not a notice's guess, so no "which order?" question.
  ctx.session.state = expects.state.step === 'decide' ? { step: 'decide', orderId: notice.order_id } : expects.state;
  ctx.session.options = expects.options;
  ctx.session.yesNo = expects.yesNo;
  return true;
}

/**
 * A bare answer ("1", "ya", "terima") to the question a notice left on screen, while two or more orders
 * wait for the shop: the last notice is not necessarily the order the shopkeeper has in mind, so ask which
 * one instead of guessing. Null when the answer is not ambiguous.
 */
export async function askWhichOrder(ctx: FlowContext, state: State, value: string): Promise<Outcome | null> {
  if (state.step !== 'decide' || !state.byNotice) return null;
  const [kind] = splitValue(value);
  if (kind !== 'acc' && kind !== 'rej') return null;
  const shopId = await ctx.shopId();
  if (shopId === undefined) return null;
  if ((await waiting(ctx, shopId, 2)).length < 2) return null;
  return go({ step: 'which_order', action: kind });
}

export async function showWhichOrder(ctx: FlowContext, action: 'acc' | 'rej'): Promise<Prompt> {
  const { t } = ctx;
  const shopId = await ctx.shopId();
  const orders = shopId === undefined ? [] : await waiting(ctx, shopId);
  if (orders.length === 0) return { text: t.shopOrdersNone, options: [opt(t.optMenu, 'home')] };
  const options = [];
  for (const o of orders) {
    const buyer = await ctx.services.buyerLookup.find(o.buyer_id);
    const first = buyer?.name.trim().split(/\s+/)[0] ?? '';
    options.push(opt(t.whichOrderLine({ code: o.code, buyer: first, total: o.total }), `${action}:${o.id}`));
  }
  return {
    text: t.whichOrder({ count: orders.length, action }),
    options: [...options, opt(t.menuShopOrders, 'sorders')],
  };
}

/**
 * Where a shopkeeper goes after answering one order while others still wait: the next one's question, so
 * that the next bare "1" answers an order they can see, never a step of the order just answered.
 */
export async function nextWaiting(
  ctx: FlowContext,
  shopId: number,
  answered: string,
): Promise<{ state: State; note: string } | null> {
  const rest = (await waiting(ctx, shopId)).filter((o) => o.id !== answered);
  const first = rest[0];
  if (!first) return null;
  return {
    state: { step: 'decide', orderId: first.id, byNotice: true },
    note: ctx.t.stillWaiting({ count: rest.length }),
  };
}
