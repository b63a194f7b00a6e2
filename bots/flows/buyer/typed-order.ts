import { parseBuyerText } from '../../../src/language/index.js';
import type { Product } from '../../../src/shops/catalog.service.js';
import { productKey } from '../../../src/shops/catalog.service.js';
import { go, homeOf, opt, type FlowContext, type Outcome, type Prompt } from '../context.js';
import { orderLinesText } from '../format.js';
import type { State } from '../session.js';
import { cartLines, putInCart } from './shopping.js';

type Size = { amount: number; unit: string } | null;
type Pick = { productId: number; quantity: number };

/** Shops searched for goods typed outside a shop: enough for a kelurahan, least-earning first. */
const AREA_SHOPS = 30;
const MAX_PICKS = 8;

const words = (name: string): string[] =>
  productKey(name)
    .split(' ')
    .filter((w) => w !== '');

/** "minyak" finds "minyak goreng"; "minyak goreng bimoli" finds "minyak goreng". */
function matches(product: Product, name: string): boolean {
  const have = new Set(words(product.name));
  const want = words(name);
  return want.every((w) => have.has(w)) || [...have].every((w) => want.includes(w));
}

/** The product's unit as posted ("5 kg"), read back. */
function unitOf(product: Product): Size {
  const m = /^(\d+(?:\.\d+)?)\s+(\S+)$/.exec(product.unit.trim());
  return m ? { amount: Number(m[1]), unit: m[2] as string } : null;
}

/**
 * How many of `product` the request means, or null when its size does not fit: "beras 5kg 2" is two of
 * the 5 kg pack, "minyak 2 liter" is two of the 1 l bottle, "telur 1 kg" one of the 1 kg pack.
 */
function countFor(product: Product, count: number | null, size: Size): number | null | 'any' {
  if (size === null) return count ?? 'any';
  const unit = unitOf(product);
  if (!unit || unit.unit !== size.unit) return null;
  if (unit.amount === size.amount) return count ?? 1;
  const times = size.amount / unit.amount;
  return count === null && Number.isInteger(times) && times >= 1 ? times : null;
}

/** The shops a typed request searches: the open shop, else the cart's, else the buyer's area. */
async function shopsToSearch(ctx: FlowContext, state: State, buyerId: number): Promise<number[]> {
  if (state.step === 'products') return [state.shopId];
  const cart = ctx.session.cart;
  if (cart && cart.lines.length > 0) return [cart.shopId];
  const page = await ctx.services.listing.shopsFor(buyerId, 0, AREA_SHOPS);
  return page.items.map((s) => s.id);
}

async function addTyped(
  ctx: FlowContext,
  state: State,
  req: { name: string; count: number | null; size: Size },
): Promise<Outcome | null> {
  const buyer = await ctx.buyer();
  if (!buyer) return go({ step: 'buyer_menu' }, ctx.t.noBuyer);
  const shops = await shopsToSearch(ctx, state, buyer.id);
  const found: { product: Product; count: number | 'any' }[] = [];
  for (const shopId of shops) {
    for (const product of await ctx.services.catalog.available(shopId)) {
      if (!matches(product, req.name)) continue;
      const count = countFor(product, req.count, req.size);
      if (count !== null) found.push({ product, count });
    }
  }
  if (found.length === 0) {
    // A word alone that names no goods ("qwerty") may be anything: the usual re-ask.
    if (req.count === null && req.size === null) return null;
    const shop = shops.length === 1 ? await ctx.services.shopLookup.find(shops[0] as number) : undefined;
    const size = req.size ? `${req.size.amount} ${req.size.unit}` : null;
    return go(state, ctx.t.typedNotFound({ name: req.name, shop: shop?.name, size }));
  }
  if (found.length === 1) {
    const [{ product, count }] = found as [(typeof found)[number]];
    // No count written: the quantity step asks how many, which is the confirmation.
    return count === 'any'
      ? go({ step: 'quantity', productId: product.id, mode: 'add' })
      : go({ step: 'confirm_item', productId: product.id, quantity: count });
  }
  return go({
    step: 'pick_item',
    picks: found
      .slice(0, MAX_PICKS)
      .map((f) => ({ productId: f.product.id, quantity: f.count === 'any' ? 0 : f.count })),
  });
}

async function removeTyped(ctx: FlowContext, state: State, name: string): Promise<Outcome> {
  const lines = (await cartLines(ctx)).filter((l) => matches(l.product, name));
  const [line] = lines;
  if (lines.length !== 1 || !line || !ctx.session.cart) return go(state, ctx.t.typedNotInCart({ name }));
  ctx.session.cart.lines = ctx.session.cart.lines.filter((l) => l.productId !== line.product.id);
  if (ctx.session.cart.lines.length === 0) ctx.session.cart = null;
  return go({ step: 'cart' }, ctx.t.removed({ name: line.product.name }));
}

async function setTyped(ctx: FlowContext, state: State, name: string, count: number): Promise<Outcome> {
  const lines = (await cartLines(ctx)).filter((l) => matches(l.product, name));
  const [line] = lines;
  if (lines.length !== 1 || !line) return go(state, ctx.t.typedNotInCart({ name }));
  return putInCart(ctx, line.product.id, count, 'set');
}

async function repeatLast(ctx: FlowContext): Promise<Outcome> {
  const buyer = await ctx.buyer();
  if (!buyer) return go({ step: 'buyer_menu' }, ctx.t.noBuyer);
  const [last] = await ctx.services.orderReads.ofBuyer(buyer.id, 1);
  if (!last) return go({ step: 'buyer_menu' }, ctx.t.repeatNone);
  return go({ step: 'confirm_repeat', orderId: last.id });
}

/**
 * What a buyer types in the shopping steps ("beras 2", "hapus minyak", "pesan lagi yang kemarin"), read
 * with the same parser as shops' posts and matched against the goods the buyer may order. Nothing enters
 * the cart without a confirmation. Null when the text is not such a request (the engine re-asks).
 */
export async function readBuyerText(ctx: FlowContext, state: State, text: string): Promise<Outcome | null> {
  const req = parseBuyerText(text);
  if (req === 'unclear') return null;
  switch (req.intent) {
    case 'menu':
      return go(homeOf(ctx.side));
    case 'repeat':
      return repeatLast(ctx);
    case 'remove':
      return removeTyped(ctx, state, req.name);
    case 'set':
      return req.count === null ? null : setTyped(ctx, state, req.name, req.count);
    case 'add':
      return addTyped(ctx, state, req);
  }
}

/** True for "halo", "menu", "min", "p": asked for where nothing else reads the text, they show the menu. */
export function asksForMenu(text: string): boolean {
  const req = parseBuyerText(text);
  return req !== 'unclear' && req.intent === 'menu';
}

export async function showConfirmItem(ctx: FlowContext, productId: number, quantity: number): Promise<Prompt> {
  const { t } = ctx;
  const product = await ctx.services.catalog.availableProduct(productId);
  if (!product) return { text: t.productGone, options: [opt(t.optViewCart, 'cart'), opt(t.optMenu, 'home')] };
  const yes = `addq:${productId}:${quantity}`;
  const no = `prods:${product.shop_id}:0`;
  return {
    text: t.typedConfirm({ quantity, name: product.name, unit: product.unit, total: product.price * quantity }),
    options: [opt(t.optYesAdd, yes), opt(t.optNo, no)],
    yesNo: [yes, no],
  };
}

export async function showPickItem(ctx: FlowContext, picks: readonly Pick[]): Promise<Prompt> {
  const { t } = ctx;
  const options = [];
  for (const p of picks) {
    const product = await ctx.services.catalog.availableProduct(p.productId);
    if (!product) continue;
    const shop = await ctx.services.shopLookup.find(product.shop_id);
    const label = t.typedPickLine({
      quantity: p.quantity || null,
      name: product.name,
      unit: product.unit,
      price: product.price,
      shop: shop?.name,
    });
    options.push(opt(label, p.quantity > 0 ? `addq:${p.productId}:${p.quantity}` : `prod:${p.productId}`));
  }
  return { text: t.typedPick, options: [...options, opt(t.optMenu, 'home')] };
}

export async function showConfirmRepeat(ctx: FlowContext, orderId: string): Promise<Prompt> {
  const { t } = ctx;
  const buyer = await ctx.buyer();
  const order = await ctx.services.orders.get(orderId);
  if (!buyer || !order || order.buyer_id !== buyer.id) return { text: t.repeatNone, options: [opt(t.optMenu, 'home')] };
  const yes = `rptok:${orderId}`;
  return {
    text: t.repeatConfirm({ code: order.code, lines: await orderLinesText(ctx.services.orderReads, orderId) }),
    options: [opt(t.optYesAdd, yes), opt(t.optNo, 'home')],
    yesNo: [yes, 'home'],
  };
}

/** Confirmed: the goods of the buyer's earlier order that are still on offer go into a fresh cart. */
export async function repeatIntoCart(ctx: FlowContext, orderId: string): Promise<Outcome> {
  const { t } = ctx;
  const buyer = await ctx.buyer();
  const order = await ctx.services.orders.get(orderId);
  if (!buyer || !order || order.buyer_id !== buyer.id) return go({ step: 'buyer_menu' }, t.repeatNone);
  if (!(await ctx.services.listing.canOrderFrom(buyer.id, order.shop_id)))
    return go({ step: 'buyer_menu' }, t.shopUnavailable);
  const lines: Pick[] = [];
  for (const item of await ctx.services.orderReads.items(orderId)) {
    const product = await ctx.services.catalog.availableProduct(item.product_id);
    if (product && product.shop_id === order.shop_id) lines.push({ productId: product.id, quantity: item.quantity });
  }
  if (lines.length === 0) return go({ step: 'buyer_menu' }, t.repeatGone);
  ctx.session.cart = { shopId: order.shop_id, lines };
  return go({ step: 'cart' }, t.repeatAdded({ count: lines.length, code: order.code }));
}
