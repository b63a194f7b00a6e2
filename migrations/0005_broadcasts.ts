import { sql, type Kysely } from 'kysely';

// Broadcasts and their recipients. SQLite is the truth about who got what: each recipient is marked
// `sending` in a committed write before its message leaves and `sent` after, so that a crash in between is
// seen on resume (the recipient is reported `unknown`, not sent twice).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('broadcasts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('admin','morning_prompt','quota_reminder','month_summary')`),
    )
    // System broadcasts are created by schedulers that may fire twice: one broadcast per key.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('template_en', 'text')
    // The month whose figures fill the variables (the month-end summary reports the month before).
    .addColumn('period', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft','scheduled','sending','done','cancelled')`),
    )
    .addColumn('send_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('enqueued_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('purged_at', 'text')
    .addColumn('total', 'integer')
    .execute();
  // The runner looks for due and running broadcasts every second.
  await db.schema.createIndex('broadcasts_status_send_at').on('broadcasts').columns(['status', 'send_at']).execute();

  await db.schema
    .createTable('broadcast_recipients')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('broadcast_id', 'integer', (c) => c.notNull().references('broadcasts.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.check(sql`channel is null or channel in ('telegram','whatsapp','web')`))
    .addColumn('chat_id', 'text')
    .addColumn('language', 'text', (c) =>
      c
        .notNull()
        .defaultTo('id')
        .check(sql`language in ('id','en')`),
    )
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued','sending','sent','failed','blocked','unknown','cancelled')`),
    )
    .addColumn('reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('broadcast_recipients_once', ['broadcast_id', 'phone'])
    .execute();
  // Progress is counted from here, by status, on every refresh of the dashboard.
  await db.schema
    .createIndex('broadcast_recipients_status')
    .on('broadcast_recipients')
    .columns(['broadcast_id', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('broadcast_recipients').execute();
  await db.schema.dropTable('broadcasts').execute();
}
