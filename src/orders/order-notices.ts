import type { Db } from '../db/database.js';
import { recordNotification } from '../notify/notification.repository.js';
import { shopContacts } from '../shops/shop.repository.js';

/** The params every order notice carries. */
export function summary(o: { code: string; total: number }, extra: Record<string, string | number | null> = {}) {
  return { code: o.code, total: o.total, ...extra };
}

/**
 * Who hears about each order event. Templates are keys of the chat catalog (bots/flows); params carry
 * what the text needs, so the notify worker renders without further queries.
 */
export async function noticeShop(
  trx: Db,
  order: { id: string; shop_id: number },
  template: string,
  params: Record<string, string | number | null>,
  at: string,
): Promise<void> {
  await noticeContacts(trx, order, await shopContacts(trx, order.shop_id), template, params, at);
}

/** To the shop's contacts when the caller already read them (a reserve batch reads them once). */
export async function noticeContacts(
  trx: Db,
  order: { id: string },
  contacts: readonly { phone: string }[],
  template: string,
  params: Record<string, string | number | null>,
  at: string,
): Promise<void> {
  for (const c of contacts) {
    await recordNotification(trx, { dedupeKey: `${template}:${order.id}:${c.phone}`, recipientPhone: c.phone, template, params, orderId: order.id }, at);
  }
}

export async function noticeBuyer(
  trx: Db,
  order: { id: string; buyer_id: number },
  template: string,
  params: Record<string, string | number | null>,
  at: string,
): Promise<void> {
  const buyer = await trx.selectFrom('buyers').select('phone').where('id', '=', order.buyer_id).executeTakeFirst();
  if (!buyer) return;
  await noticeBuyerPhone(trx, order, buyer.phone, template, params, at);
}

/** To the buyer when the caller already knows the phone. */
export async function noticeBuyerPhone(
  trx: Db,
  order: { id: string },
  phone: string,
  template: string,
  params: Record<string, string | number | null>,
  at: string,
): Promise<void> {
  await recordNotification(trx, { dedupeKey: `${template}:${order.id}:${phone}`, recipientPhone: phone, template, params, orderId: order.id }, at);
}
