import type { Db } from '../db/database.js';
import { qrisPng, qrisWithAmount } from './index.js';
import { checkShopQris } from './shop-qris.service.js';
import { orderPayment } from './shop-qris.repository.js';

/** An order's payable QR: the shop's QRIS made dynamic for exactly the order's total, and its image. */
export interface PayableQr {
  orderId: string;
  code: string;
  amount: number;
  merchantName: string;
  merchantCity: string;
  payload: string;
  png: Buffer;
}

/** An order can be paid from acceptance until it is completed (or closed). */
const PAYABLE = new Set(['accepted', 'delivered']);

export interface PayableQrService {
  /**
   * The QR to pay this order, or null when there is nothing to pay here: the shop has no (valid) QRIS, or
   * the order is not accepted or delivered. Made on demand from the order id and the shop's QRIS as it is
   * now, so a notice stores no image and a QRIS changed before the notice goes out is the one that pays.
   */
  forOrder(orderId: string): Promise<PayableQr | null>;
}

export function createPayableQrService(deps: { db: Db }): PayableQrService {
  return {
    async forOrder(orderId) {
      const o = await orderPayment(deps.db, orderId);
      if (!o || !o.qris || !PAYABLE.has(o.status)) return null;
      const shop = checkShopQris(o.qris);
      if (!shop.ok) return null;
      const payload = qrisWithAmount(shop.payload, o.total);
      return {
        orderId: o.id,
        code: o.code,
        amount: o.total,
        merchantName: shop.merchantName,
        merchantCity: shop.merchantCity,
        payload,
        png: await qrisPng(payload),
      };
    },
  };
}
