import type { Kysely } from 'kysely';

// Replies reach the right order (issue 14): the platform id of each order notice we sent is kept with its
// order, so that a person who replies to that notice (a WhatsApp quoted message, a Telegram reply) answers
// that order, not whichever notice came last. One row per sent notice message.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notice_messages')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_messages_pk', ['channel', 'chat_id', 'message_id'])
    .execute();
  await db.schema.createIndex('notice_messages_sent').on('notice_messages').column('sent_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notice_messages').execute();
}
