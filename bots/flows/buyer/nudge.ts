import { opt, type FlowContext, type Prompt } from '../context.js';
import type { State } from '../session.js';

/**
 * Issue 20: the suggestion shown once when a buyer goes back to a shop far above its share: a comparable
 * shop nearby with the same goods, or on to the chosen shop. Two numbered answers; nothing is in the way.
 */
export async function showNudge(ctx: FlowContext, s: Extract<State, { step: 'nudge' }>): Promise<Prompt> {
  const { t } = ctx;
  const [shop, alt] = await Promise.all([
    ctx.services.shopLookup.find(s.shopId),
    ctx.services.shopLookup.find(s.altId),
  ]);
  if (!shop || !alt) return { text: t.notFound, options: [opt(t.menuShop, 'shops'), opt(t.optMenu, 'home')] };
  return {
    text: t.nudgeText({ shop: shop.name, alt: alt.name, area: s.area, goods: s.goods.join(', ') }),
    options: [
      opt(t.nudgeTry({ alt: alt.name }), `shop:${s.altId}`),
      opt(t.nudgeStay({ shop: shop.name }), `shopok:${s.shopId}`),
    ],
  };
}
