import { opt, type FlowContext, type Prompt } from './context.js';
import { hoursLine, hoursOption } from './shop/hours.js';

export async function isOwner(ctx: FlowContext, shopId: number): Promise<boolean> {
  return (await ctx.services.identity.shopContact(ctx.phone, shopId))?.role === 'owner';
}

export async function isBoth(ctx: FlowContext): Promise<boolean> {
  const who = await ctx.services.identity.lookup(ctx.phone);
  return who.kind === 'known' && who.buyer !== null && who.shops.length > 0;
}

export async function showShopMenu(ctx: FlowContext): Promise<Prompt> {
  const { t } = ctx;
  const shopId = await ctx.shopId();
  if (shopId === undefined) return { text: t.noShop, options: [opt(t.menuLanguage, 'lang'), opt(t.menuHelp, 'help')] };
  const shop = await ctx.services.shopLookup.find(shopId);
  // Orders waiting for an answer come first, counted, so that "1" leads to them (issue 14).
  const waiting = (await ctx.services.orderReads.ofShop(shopId, ['reserved'], 100)).length;
  const options =
    waiting > 0
      ? [
          opt(t.menuShopOrdersWaiting({ count: waiting }), 'sorders'),
          opt(t.menuPost, 'post'),
          opt(t.menuRevenue, 'rev'),
        ]
      : [opt(t.menuPost, 'post'), opt(t.menuShopOrders, 'sorders'), opt(t.menuRevenue, 'rev')];
  // Only the owner sees the payment item: helpers handle orders, not where the money goes.
  if (await isOwner(ctx, shopId)) options.push(opt(t.menuPayment, 'pay'), opt(t.menuQris, 'qris'));
  // Issue 14: whether the shop takes orders now, and one item to close or open it.
  const hours = await ctx.services.shopHours.status(shopId);
  options.push(hoursOption(ctx, hours));
  options.push(opt(t.menuLanguage, 'lang'), opt(t.menuHelp, 'help'));
  if (await isBoth(ctx)) options.push(opt(t.menuSwitchRole, 'role'));
  const text = `${t.shopMenu({ shop: shop?.name })}\n${hoursLine(ctx, hours)}`;
  return { text: waiting > 0 ? `${t.ordersWaiting({ count: waiting })}\n\n${text}` : text, options };
}

export async function showBuyerMenu(ctx: FlowContext): Promise<Prompt> {
  const { t } = ctx;
  const options = [opt(t.menuShop, 'shops')];
  const count = ctx.session.cart?.lines.length ?? 0;
  if (count > 0) options.push(opt(t.menuCart({ count }), 'cart'));
  options.push(
    opt(t.menuMyOrders, 'orders'),
    opt(t.menuQuota, 'quota'),
    opt(t.menuLanguage, 'lang'),
    opt(t.menuHelp, 'help'),
  );
  if (await isBoth(ctx)) options.push(opt(t.menuSwitchRole, 'role'));
  return { text: t.buyerMenu, options };
}

export function showLanguage(ctx: FlowContext): Prompt {
  return { text: ctx.t.languagePrompt, options: [opt('Bahasa Indonesia', 'lang:id'), opt('English', 'lang:en')] };
}

/** For a person who is both buyer and shopkeeper: which side this chat is for. */
export async function showRole(ctx: FlowContext): Promise<Prompt> {
  const { t } = ctx;
  const who = await ctx.services.identity.lookup(ctx.phone);
  if (who.kind === 'unknown') return { text: t.unknownPhone, options: [] };
  const options = [];
  if (who.buyer) options.push(opt(t.roleBuyer, 'role:buyer'));
  for (const s of who.shops) options.push(opt(t.roleShop({ shop: s.shopName }), `role:shop:${s.shopId}`));
  return { text: t.chooseRole, options };
}
