import type { Db } from '../db/database.js';
import type { ChatLanguage } from './chat.table.js';
import type { ChannelName } from './ports.js';

export async function findConversation(db: Db, channel: ChannelName, chatId: string) {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('channel', '=', channel)
    .where('chat_id', '=', chatId)
    .executeTakeFirst();
}

export async function saveConversation(
  db: Db,
  c: { channel: ChannelName; chatId: string; state: string; language: ChatLanguage; at: string },
): Promise<void> {
  await db
    .insertInto('conversations')
    .values({ channel: c.channel, chat_id: c.chatId, state: c.state, language: c.language, updated_at: c.at })
    .onConflict((oc) =>
      oc.columns(['channel', 'chat_id']).doUpdateSet({ state: c.state, language: c.language, updated_at: c.at }),
    )
    .execute();
}

export async function isProcessed(db: Db, channel: ChannelName, messageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('processed_messages')
    .select('message_id')
    .where('channel', '=', channel)
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Returns false when the message was already recorded (a concurrent duplicate got there first). */
export async function markProcessed(db: Db, channel: ChannelName, messageId: string, at: string): Promise<boolean> {
  const r = await db
    .insertInto('processed_messages')
    .values({ channel, message_id: messageId, processed_at: at })
    .onConflict((oc) => oc.columns(['channel', 'message_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Platforms redeliver within minutes or hours, not months: old ids can go. */
export async function pruneProcessed(db: Db, before: string): Promise<number> {
  const r = await db.deleteFrom('processed_messages').where('processed_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
