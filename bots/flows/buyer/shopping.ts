import { MAX_LINES, MAX_QUANTITY } from '../../../src/orders/place-order.input.js';
import type { Product } from '../../../src/shops/catalog.service.js';
import type { ListedShop } from '../../../src/shops/listing.service.js';
import { go, opt, type FlowContext, type Outcome, type Prompt } from '../context.js';
import type { Cart } from '../session.js';

const SHOPS_PER_PAGE = 8;
const PRODUCTS_PER_PAGE = 9;

/** "Toko Bu Sri (buka lagi 06:00)": a listed shop that is closed or outside its hours says when it opens. */
function withHours(ctx: FlowContext, line: string, hours: ListedShop['hours']): string {
  if (!hours) return line;
  const when = hours.reopens ? ctx.t.shopOpensLater({ time: hours.reopens.time, date: hours.reopens.date }) : '';
  return `${line} (${hours.closed ? [ctx.t.shopClosedListed, when].filter(Boolean).join(', ') : when})`;
}

const noBuyer = (ctx: FlowContext): Prompt => ({ text: ctx.t.noBuyer, options: [opt(ctx.t.optMenu, 'home')] });

export async function showShops(ctx: FlowContext, page: number): Promise<Prompt> {
  const { t } = ctx;
  const buyer = await ctx.buyer();
  if (!buyer) return noBuyer(ctx);
  const list = await ctx.services.listing.shopsFor(buyer.id, page, SHOPS_PER_PAGE);
  if (list.total === 0) return { text: t.shopsNone, options: [opt(t.optMenu, 'home')] };
  // Issue 20: why a shop stands where it does ("toko ini belum banyak pesanan bulan ini"), before its hours.
  const line = (s: ListedShop) =>
    [t.shopLine({ name: s.name, area: s.kelurahan }), s.reason ? t.listingReason[s.reason] : null]
      .filter(Boolean)
      .join(' · ');
  const options = list.items.map((s) => opt(withHours(ctx, line(s), s.hours), `shop:${s.id}`));
  if (list.page + 1 < list.pages) options.push(opt(t.optNext, `shops:${list.page + 1}`));
  if (list.page > 0) options.push(opt(t.optPrev, `shops:${list.page - 1}`));
  options.push(opt(t.optMenu, 'home'));
  return { text: t.shopsTitle({ page: list.page + 1, pages: list.pages }), options };
}

export async function showProducts(ctx: FlowContext, shopId: number, page: number): Promise<Prompt> {
  const { t, services } = ctx;
  const shop = await services.shopLookup.find(shopId);
  if (!shop) return { text: t.notFound, options: [opt(t.menuShop, 'shops'), opt(t.optMenu, 'home')] };
  const products = await services.catalog.available(shopId);
  const cartHere = ctx.session.cart?.shopId === shopId && ctx.session.cart.lines.length > 0;
  if (products.length === 0) {
    return { text: t.productsNone({ shop: shop.name }), options: [opt(t.menuShop, 'shops'), opt(t.optMenu, 'home')] };
  }
  const pages = Math.ceil(products.length / PRODUCTS_PER_PAGE);
  const p = Math.max(0, Math.min(page, pages - 1));
  const slice = products.slice(p * PRODUCTS_PER_PAGE, (p + 1) * PRODUCTS_PER_PAGE);
  const options = slice.map((x) => opt(t.productLine({ name: x.name, unit: x.unit, price: x.price }), `prod:${x.id}`));
  if (p + 1 < pages) options.push(opt(t.optNext, `prods:${shopId}:${p + 1}`));
  if (p > 0) options.push(opt(t.optPrev, `prods:${shopId}:${p - 1}`));
  if (cartHere) options.push(opt(t.optViewCart, 'cart'));
  return { text: t.productsTitle({ shop: shop.name }), options };
}

export async function showQuantity(ctx: FlowContext, productId: number): Promise<Prompt> {
  const product = await ctx.services.catalog.availableProduct(productId);
  if (!product)
    return { text: ctx.t.productGone, options: [opt(ctx.t.optViewCart, 'cart'), opt(ctx.t.optMenu, 'home')] };
  return {
    text: `${ctx.t.askQuantity({ name: product.name, unit: product.unit, price: product.price })}\n${ctx.t.backHint}`,
    options: [],
  };
}

/**
 * Opening a shop: only one the buyer may order from (a stale or forged button gets a polite no). Going
 * back to a shop far above its share of the month suggests, once a month per shop, a comparable one nearby
 * (issue 20); `nudge: false` when the buyer has just skipped that suggestion.
 */
export async function openShop(ctx: FlowContext, shopId: number, o: { nudge?: boolean } = {}): Promise<Outcome> {
  const buyer = await ctx.buyer();
  if (!buyer) return go({ step: 'buyer_menu' }, ctx.t.noBuyer);
  if (!(await ctx.services.listing.canOrderFrom(buyer.id, shopId)))
    return go({ step: 'shops', page: 0 }, await whyNot(ctx, shopId));
  if (o.nudge !== false) {
    const nudge = await ctx.services.listing.nudgeFor(buyer.id, shopId);
    const key = nudge ? `${nudge.period}:${shopId}` : '';
    if (nudge && !(ctx.session.nudged ?? []).includes(key)) {
      ctx.session.nudged = [...(ctx.session.nudged ?? []), key];
      return go({
        step: 'nudge',
        shopId,
        altId: nudge.alternative.id,
        area: nudge.alternative.kelurahan,
        goods: nudge.goods,
      });
    }
  }
  return go({ step: 'products', shopId, page: 0 });
}

/** Why the buyer cannot order from this shop now. Issue 14: a shop closed by its owner says when it opens. */
async function whyNot(ctx: FlowContext, shopId: number): Promise<string> {
  const shop = await ctx.services.shopLookup.find(shopId);
  const hours = shop ? await ctx.services.shopHours.status(shopId) : null;
  if (shop && hours && !hours.takesOrders)
    return ctx.t.shopIsClosed({ shop: shop.name, time: hours.reopens?.time, date: hours.reopens?.date });
  return ctx.t.shopUnavailable;
}

/** "3", or "3 kg" out of habit: the first whole number is the quantity. */
export function readQuantity(text: string): number | null {
  const m = /^\s*(\d{1,6})\s*[a-z×x]*\s*$/i.exec(text);
  return m ? Number(m[1]) : null;
}

export async function putInCart(
  ctx: FlowContext,
  productId: number,
  quantity: number,
  mode: 'add' | 'set',
): Promise<Outcome> {
  const { t } = ctx;
  if (quantity < 1 || quantity > MAX_QUANTITY)
    return go({ step: 'quantity', productId, mode }, t.badQuantity({ max: MAX_QUANTITY }));
  const product = await ctx.services.catalog.availableProduct(productId);
  if (!product) return go({ step: 'cart' }, t.productGone);
  // Issue 19: a forged or stale product id from a shop the buyer may not order from stops here, not after
  // the order was said to be sent (the worker would refuse it).
  const buyer = await ctx.buyer();
  if (!buyer) return go({ step: 'buyer_menu' }, t.noBuyer);
  if (!(await ctx.services.listing.canOrderFrom(buyer.id, product.shop_id)))
    return go({ step: 'shops', page: 0 }, await whyNot(ctx, product.shop_id), t.notAddedToCart);
  const notes: string[] = [];
  let cart: Cart | null = ctx.session.cart;
  if (cart && cart.shopId !== product.shop_id && cart.lines.length > 0) notes.push(t.cartReplaced);
  if (!cart || cart.shopId !== product.shop_id) cart = { shopId: product.shop_id, lines: [] };
  const line = cart.lines.find((l) => l.productId === productId);
  if (!line && cart.lines.length >= MAX_LINES) return go({ step: 'cart' }, t.cartFull({ max: MAX_LINES }));
  const next = Math.min(MAX_QUANTITY, mode === 'add' ? (line?.quantity ?? 0) + quantity : quantity);
  if (line) line.quantity = next;
  else cart.lines.push({ productId, quantity: next });
  ctx.session.cart = cart;
  if (mode === 'set') return go({ step: 'cart' }, ...notes, t.quantityChanged({ name: product.name, quantity: next }));
  return go(
    { step: 'products', shopId: product.shop_id, page: 0 },
    ...notes,
    t.added({ name: product.name, quantity: next }),
  );
}

/** The cart's lines with today's names and prices; lines whose product went away drop out. */
export async function cartLines(ctx: FlowContext): Promise<{ product: Product; quantity: number }[]> {
  const cart = ctx.session.cart;
  if (!cart) return [];
  const out: { product: Product; quantity: number }[] = [];
  for (const line of cart.lines) {
    const product = await ctx.services.catalog.availableProduct(line.productId);
    if (product && product.shop_id === cart.shopId) out.push({ product, quantity: line.quantity });
  }
  cart.lines = out.map((l) => ({ productId: l.product.id, quantity: l.quantity }));
  if (cart.lines.length === 0) ctx.session.cart = null;
  return out;
}

export async function cartSummary(ctx: FlowContext): Promise<string | null> {
  const { t } = ctx;
  const lines = await cartLines(ctx);
  const cart = ctx.session.cart;
  if (!cart || lines.length === 0) return null;
  const shop = await ctx.services.shopLookup.find(cart.shopId);
  const total = lines.reduce((s, l) => s + l.product.price * l.quantity, 0);
  const body = lines.map((l) =>
    t.cartLine({
      quantity: l.quantity,
      name: l.product.name,
      unit: l.product.unit,
      subtotal: l.product.price * l.quantity,
    }),
  );
  return [t.cartTitle({ shop: shop?.name ?? '' }), ...body, t.cartTotal({ total })].join('\n');
}

export async function showCart(ctx: FlowContext): Promise<Prompt> {
  const { t } = ctx;
  const summary = await cartSummary(ctx);
  const cart = ctx.session.cart;
  if (!summary || !cart) return { text: t.cartEmpty, options: [opt(t.menuShop, 'shops'), opt(t.optMenu, 'home')] };
  return {
    text: summary,
    options: [
      opt(t.optCheckout, 'checkout'),
      opt(t.optAddMore, `shop:${cart.shopId}`),
      opt(t.optChangeQty, 'cart:set'),
      opt(t.optRemove, 'cart:rm'),
      opt(t.optClearCart, 'cart:clear'),
      opt(t.optMenu, 'home'),
    ],
  };
}

export async function showCartPick(ctx: FlowContext, mode: 'set' | 'remove'): Promise<Prompt> {
  const { t } = ctx;
  const lines = await cartLines(ctx);
  if (lines.length === 0) return { text: t.cartEmpty, options: [opt(t.menuShop, 'shops'), opt(t.optMenu, 'home')] };
  return {
    text: mode === 'set' ? t.pickLineSet : t.pickLineRemove,
    options: [
      ...lines.map((l) =>
        opt(`${l.quantity} × ${l.product.name}${l.product.unit ? ` ${l.product.unit}` : ''}`, `line:${l.product.id}`),
      ),
      opt(t.optBack, 'cart'),
    ],
  };
}

export async function pickLine(ctx: FlowContext, productId: number, mode: 'set' | 'remove'): Promise<Outcome> {
  const cart = ctx.session.cart;
  const line = cart?.lines.find((l) => l.productId === productId);
  if (!cart || !line) return go({ step: 'cart' });
  if (mode === 'set') return go({ step: 'quantity', productId, mode: 'set' });
  cart.lines = cart.lines.filter((l) => l !== line);
  if (cart.lines.length === 0) ctx.session.cart = null;
  const product = await ctx.services.catalog.availableProduct(productId);
  return go({ step: 'cart' }, ctx.t.removed({ name: product?.name ?? '' }));
}
