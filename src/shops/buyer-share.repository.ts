import type { Db } from '../db/database.js';

/**
 * What a buyer has held or committed this period at one shop: the hold entries on the buyer's account for
 * orders of that shop, less their releases (a commit moves the held amount, it adds nothing).
 */
export async function buyerUsedAtShop(db: Db, buyerId: number, shopId: number, period: string): Promise<number> {
  const row = await db
    .selectFrom('ledger_entries as e')
    .innerJoin('orders as o', 'o.id', 'e.order_id')
    .select((eb) =>
      eb.fn
        .sum<number>(
          eb
            .case()
            .when('e.kind', '=', 'hold')
            .then(eb.ref('e.amount'))
            .when('e.kind', '=', 'release')
            .then(eb.neg(eb.ref('e.amount')))
            .else(0)
            .end(),
        )
        .as('used'),
    )
    .where('e.account', '=', `buyer:${buyerId}`)
    .where('e.period', '=', period)
    .where('o.shop_id', '=', shopId)
    .executeTakeFirst();
  return Number(row?.used ?? 0);
}
