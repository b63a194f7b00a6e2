import { sql, type Kysely } from 'kysely';

// Issue 14: a deadline for every open state, an admin review list, and shop opening hours.
// - orders.ask_at: when an accepted order that was not delivered asks the buyer "Sudah diterima?"
//   (remind_at and expires_at keep their meaning for every open state: the next reminder, the last step);
// - orders.review_reason / review_at: the order waits for an admin ('payment_overdue' or 'dispute'); the
//   partial index keeps the dashboard's list a walk over the flagged orders only;
// - the sweeper looks for overdue steps with one index range per step over the open states: (status, x)
//   indexes, so that a year of closed orders is never read;
// - shops: opening hours (null = the setting shop_hours_default) and one scheduled closure window
//   ("tutup sampai besok", "libur tanggal 17"); is_open stays the owner's "tutup" until "buka".
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('ask_at', 'text').execute();
  await db.schema
    .alterTable('orders')
    .addColumn('review_reason', 'text', (c) =>
      c.check(sql`review_reason is null or review_reason in ('payment_overdue','dispute')`),
    )
    .execute();
  await db.schema.alterTable('orders').addColumn('review_at', 'text').execute();
  await db.schema.createIndex('orders_status_remind').on('orders').columns(['status', 'remind_at']).execute();
  await db.schema.createIndex('orders_status_expires').on('orders').columns(['status', 'expires_at']).execute();
  await db.schema
    .createIndex('orders_status_ask')
    .on('orders')
    .columns(['status', 'ask_at'])
    .where(sql.ref('ask_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('orders_review')
    .on('orders')
    .columns(['review_at'])
    .where(sql.ref('review_reason'), 'is not', null)
    .execute();
  for (const column of ['opens_at', 'closes_at', 'closed_from', 'closed_until']) {
    await db.schema.alterTable('shops').addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['opens_at', 'closes_at', 'closed_from', 'closed_until']) {
    await db.schema.alterTable('shops').dropColumn(column).execute();
  }
  for (const index of ['orders_review', 'orders_status_ask', 'orders_status_expires', 'orders_status_remind']) {
    await db.schema.dropIndex(index).execute();
  }
  for (const column of ['review_at', 'review_reason', 'ask_at']) {
    await db.schema.alterTable('orders').dropColumn(column).execute();
  }
}
