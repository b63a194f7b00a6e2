import { go, opt, type FlowContext, type Outcome, type Prompt } from '../context.js';
import { percentOf, progressBar, monthName } from '../format.js';
import { isOwner } from '../menus.js';

export async function showRevenue(ctx: FlowContext): Promise<Prompt> {
  const { t } = ctx;
  const shopId = await ctx.shopId();
  const m = shopId === undefined ? undefined : await ctx.services.listing.shopMonth(shopId);
  if (!m) return { text: t.noShop, options: [opt(t.optMenu, 'home')] };
  return {
    text: t.revenue({
      period: monthName(m.period, ctx.language),
      revenue: m.revenue,
      cap: m.cap,
      bar: progressBar(percentOf(m.revenue + m.held, m.cap)),
      held: m.held,
    }),
    options: [opt(t.menuShopOrders, 'sorders'), opt(t.optMenu, 'home')],
  };
}

export async function showPaymentInfo(ctx: FlowContext): Promise<Prompt> {
  const { t } = ctx;
  const shopId = await ctx.shopId();
  const shop = shopId === undefined ? undefined : await ctx.services.shopLookup.find(shopId);
  if (!shop) return { text: t.noShop, options: [opt(t.optMenu, 'home')] };
  return { text: `${t.askPayment({ current: shop.payment_instructions })}\n${t.backHint}`, options: [] };
}

export async function openPaymentInfo(ctx: FlowContext): Promise<Outcome> {
  const shopId = await ctx.shopId();
  if (shopId === undefined) return go({ step: 'shop_menu' }, ctx.t.noShop);
  if (!(await isOwner(ctx, shopId))) return go({ step: 'shop_menu' }, ctx.t.ownerOnly);
  return go({ step: 'payment_info' });
}

export async function savePaymentInfo(ctx: FlowContext, text: string): Promise<Outcome> {
  const shopId = await ctx.shopId();
  if (shopId === undefined) return go({ step: 'shop_menu' }, ctx.t.noShop);
  const value = text.trim();
  if (!value) return go({ step: 'payment_info' });
  const r = await ctx.services.catalog.setPaymentInstructions({ shopId, phone: ctx.phone, text: value });
  return go({ step: 'shop_menu' }, r === 'saved' ? ctx.t.paymentSaved({ text: value.slice(0, 300) }) : ctx.t.ownerOnly);
}
