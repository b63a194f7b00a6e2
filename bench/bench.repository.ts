import { sql, type Insertable } from 'kysely';
import type { Db } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';

/**
 * The benchmarks' own reads and writes of the database they seed: picking shops, products and buyers to
 * order from, lifting stock limits, checking that the pipeline drained, and the broadcast bench's roster.
 * Executor first, as every repository.
 */

export async function activeShopIds(db: Db) {
  return db.selectFrom('shops').select('id').where('status', '=', 'active').execute();
}

export async function productsCheaperThan(db: Db, price: number) {
  return db.selectFrom('products').select(['id', 'shop_id']).where('price', '<', price).execute();
}

export async function buyerIds(db: Db) {
  return db.selectFrom('buyers').select('id').execute();
}

/** Every product's stock untracked, so that every order exercises the full hold path. */
export async function untrackAllStock(db: Db): Promise<void> {
  await db.updateTable('products').set({ stock: null }).execute();
}

/** Whether any order is still `submitted` (asks for one, not how many: see the pipeline bench). */
export async function anySubmitted(db: Db): Promise<boolean> {
  return (
    (await db.selectFrom('orders').select('id').where('status', '=', 'submitted').limit(1).executeTakeFirst()) !==
    undefined
  );
}

export async function ordersTimes(db: Db) {
  return db.selectFrom('orders').select(['id', 'reserved_at', 'created_at', 'status']).execute();
}

export async function countNotifications(db: Db): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function firstShop(db: Db) {
  return db.selectFrom('shops').select('id').executeTakeFirstOrThrow();
}

export async function firstBuyer(db: Db) {
  return db.selectFrom('buyers').select('id').executeTakeFirstOrThrow();
}

export async function insertAgency(db: Db, code: string, name: string): Promise<number> {
  const row = await db
    .insertInto('agencies')
    .values({ code, name, kelurahan_code: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A quota rule, unless its position class already has one. */
export async function ensureQuotaRule(db: Db, positionClass: string, minMonthly: number): Promise<void> {
  await db
    .insertInto('quota_rules')
    .values({ position_class: positionClass, label: positionClass, min_monthly: minMonthly })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function insertBuyers(db: Db, rows: Insertable<DB['buyers']>[]): Promise<void> {
  await db.insertInto('buyers').values(rows).execute();
}

export async function insertChatLinks(db: Db, rows: Insertable<DB['chat_links']>[]): Promise<void> {
  await db.insertInto('chat_links').values(rows).execute();
}

/** Whether the outbox still holds a row not yet handed to the queue (the PostgreSQL bench waits for none). */
export async function anyUndispatched(db: Db): Promise<boolean> {
  return (
    (await db.selectFrom('outbox').select('id').where('dispatched_at', 'is', null).limit(1).executeTakeFirst()) !==
    undefined
  );
}

/** `n` submitted orders of one buyer at one shop, for the hold loop alone. */
export async function insertSubmittedOrders(
  db: Db,
  p: { ids: readonly string[]; buyerId: number; shopId: number; total: number; at: string },
): Promise<void> {
  for (let i = 0; i < p.ids.length; i += 500) {
    await db
      .insertInto('orders')
      .values(
        p.ids.slice(i, i + 500).map((id, j) => ({
          id,
          code: `B-${i + j}`,
          buyer_id: p.buyerId,
          shop_id: p.shopId,
          status: 'submitted',
          total: p.total,
          fulfilment: 'pickup',
          created_at: p.at,
          updated_at: p.at,
        })),
      )
      .execute();
  }
}

/** The PostgreSQL server process serving this connection (its parent is the server's postmaster). */
export async function backendPid(db: Db): Promise<number> {
  const r = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
  return r.rows[0]!.pid;
}
