import type { Db } from '../../src/db/database.js';
import { upsertChatLink } from '../../src/chat/chat-link.repository.js';
import { makeBuyer, makeShop } from '../support/fixtures.js';

let seq = 0;
const bystanders = new WeakMap<Db, { buyerId: number; shopId: number }>();

// The other side of a test order: an inactive ASN and a suspended shop, which no segment selects.
async function bystander(db: Db) {
  let b = bystanders.get(db);
  if (!b) {
    const buyer = await makeBuyer(db);
    await db.updateTable('buyers').set({ active: 0 }).where('id', '=', buyer.id).execute();
    const shop = await makeShop(db, { status: 'suspended' });
    b = { buyerId: buyer.id, shopId: shop.id };
    bystanders.set(db, b);
  }
  return b;
}

/**
 * Money through the real ledger tables: a hold and its commit (or only the hold), as the order service
 * writes them; the balance triggers keep ledger_balances.
 */
export async function spend(
  db: Db,
  account: string,
  amount: number,
  p: { period?: string; committed?: boolean } = {},
): Promise<void> {
  const orderId = `test-order-${++seq}-${Date.now()}`;
  const period = p.period ?? '2026-11';
  const at = '2026-11-05T03:00:00.000Z';
  const [side, idText] = account.split(':') as ['buyer' | 'shop', string];
  const other = await bystander(db);
  await db
    .insertInto('orders')
    .values({
      id: orderId,
      code: `T${seq}`,
      buyer_id: side === 'buyer' ? Number(idText) : other.buyerId,
      shop_id: side === 'shop' ? Number(idText) : other.shopId,
      status: p.committed === false ? 'reserved' : 'completed',
      total: amount,
      fulfilment: 'pickup',
      period,
      reason: null,
      paid_at: null,
      created_at: at,
      updated_at: at,
      reserved_at: at,
      accepted_at: null,
      delivered_at: null,
      closed_at: null,
      remind_at: null,
      expires_at: null,
    })
    .execute();
  await db
    .insertInto('ledger_entries')
    .values({ order_id: orderId, account, period, kind: 'hold', amount, created_at: at })
    .execute();
  if (p.committed !== false)
    await db
      .insertInto('ledger_entries')
      .values({ order_id: orderId, account, period, kind: 'commit', amount, created_at: at })
      .execute();
}

export async function linkTelegram(
  db: Db,
  phone: string,
  chatId: string | number,
  at = '2026-11-01T00:00:00.000Z',
): Promise<void> {
  await upsertChatLink(db, { channel: 'telegram', chatId: String(chatId), phone, role: null, shopId: null, at });
}

export async function ownerPhone(db: Db, shopId: number): Promise<string> {
  return (
    await db
      .selectFrom('shop_contacts')
      .select('phone')
      .where('shop_id', '=', shopId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow()
  ).phone;
}
