import { sql, type Kysely } from 'kysely';

// Platform updates taken in before they are handled (issue 19). A webhook is answered as soon as its update
// is stored here, whatever happens to the handling and the replies afterwards (a platform whose API is
// slow or down must not keep its own webhook waiting), and a crash between the answer and the handling
// loses nothing. The primary key also makes every update kind seen once, edits and group mentions included.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inbound_updates')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('update_id', 'integer', (c) => c.notNull())
    // Updates of one chat are handled in order; different chats at once.
    .addColumn('chat_key', 'text', (c) => c.notNull())
    // The update as received; emptied once handled (a handled row only keeps the id, for dedupe).
    .addColumn('payload', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('claimed_until', 'text')
    .addColumn('handled_at', 'text')
    .addPrimaryKeyConstraint('inbound_updates_pk', ['channel', 'update_id'])
    .execute();
  await sql`create index inbound_updates_pending on inbound_updates (channel, update_id) where handled_at is null`.execute(
    db,
  );
  await db.schema.createIndex('inbound_updates_received').on('inbound_updates').column('received_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('inbound_updates').execute();
}
