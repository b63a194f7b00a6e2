import { sql, type Kysely } from 'kysely';

// The chat layer's own tables (bots/flows). Identity stays the phone: a chat only points at one.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per chat that proved its phone (a shared contact, or the number WhatsApp gives). `role` is
  // the side a person who is both buyer and shopkeeper chose for this chat; null until they choose.
  await db.schema
    .createTable('chat_links')
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('telegram','whatsapp','web')`))
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.check(sql`role is null or role in ('buyer','shop')`))
    .addColumn('shop_id', 'integer', (c) => c.references('shops.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('chat_links_pk', ['channel', 'chat_id'])
    .execute();
  // Notifications look a person up by phone and take the most recently linked chat.
  await db.schema.createIndex('chat_links_phone').on('chat_links').columns(['phone', 'linked_at']).execute();

  // Where each chat is in its flow: a JSON document the engine checks against its state union on load.
  await db.schema
    .createTable('conversations')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) =>
      c
        .notNull()
        .defaultTo('id')
        .check(sql`language in ('id','en')`),
    )
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversations_pk', ['channel', 'chat_id'])
    .execute();

  // Platform message ids already handled: a redelivered update (webhook retry, reconnect) does nothing.
  await db.schema
    .createTable('processed_messages')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('processed_messages_pk', ['channel', 'message_id'])
    .execute();
  await db.schema.createIndex('processed_messages_at').on('processed_messages').column('processed_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['processed_messages', 'conversations', 'chat_links']) await db.schema.dropTable(t).execute();
}
