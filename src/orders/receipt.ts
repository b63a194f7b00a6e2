import type { Db } from '../db/database.js';
import { findBuyer } from '../people/buyer.repository.js';
import { formatRupiah } from '../shared/money.js';
import { findShop } from '../shops/shop.repository.js';
import { orderItems } from './order.repository.js';

/**
 * What the receipt on completion says, as notice params (rendered in each recipient's language by the
 * chat catalogs): the lines with their unit prices, the parties, when (ISO; shown in WIB) and how the
 * buyer said they paid (null: they did not say, the shop confirmed).
 */
export async function receiptParams(
  trx: Db,
  o: { id: string; buyer_id: number; shop_id: number; payment_method: string | null },
  at: string,
) {
  const items = await orderItems(trx, o.id);
  const shop = await findShop(trx, o.shop_id);
  const buyer = await findBuyer(trx, o.buyer_id);
  const lines = items.map(
    (i) =>
      `${i.quantity} × ${i.name}${i.unit ? ` (${i.unit})` : ''} @ ${formatRupiah(i.price)} = ${formatRupiah(i.price * i.quantity)}`,
  );
  return {
    receiptItems: lines.join('\n'),
    receiptAt: at,
    shop: shop?.name ?? '',
    buyer: buyer?.name ?? '',
    method: o.payment_method,
  };
}
