import type { Db } from '../db/database.js';
import { recordNotification, type NotificationDraft } from '../notify/notification.repository.js';
import { findBuyer } from '../people/buyer.repository.js';
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

/** One notice per recipient of an order event; the dedupe key makes a repeated event send nothing new. */
export function noticeDrafts(
  order: { id: string },
  phones: readonly string[],
  template: string,
  params: Record<string, string | number | null>,
): NotificationDraft[] {
  return phones.map((phone) => ({
    dedupeKey: `${template}:${order.id}:${phone}`,
    recipientPhone: phone,
    template,
    params,
    orderId: order.id,
  }));
}

async function noticeContacts(
  trx: Db,
  order: { id: string },
  contacts: readonly { phone: string }[],
  template: string,
  params: Record<string, string | number | null>,
  at: string,
): Promise<void> {
  for (const n of noticeDrafts(
    order,
    contacts.map((c) => c.phone),
    template,
    params,
  ))
    await recordNotification(trx, n, at);
}

export async function noticeBuyer(
  trx: Db,
  order: { id: string; buyer_id: number },
  template: string,
  params: Record<string, string | number | null>,
  at: string,
): Promise<void> {
  const buyer = await findBuyer(trx, order.buyer_id);
  if (!buyer) return;
  for (const n of noticeDrafts(order, [buyer.phone], template, params)) await recordNotification(trx, n, at);
}
