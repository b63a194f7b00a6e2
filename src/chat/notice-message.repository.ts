import type { Db } from '../db/database.js';
import type { ChannelName } from './ports.js';

/** Remembers the platform id of a sent order notice; a repeat of the same id changes nothing. */
export async function recordNoticeMessage(
  db: Db,
  n: { channel: ChannelName; chatId: string; messageId: string; orderId: string; template: string; at: string },
): Promise<void> {
  await db
    .insertInto('notice_messages')
    .values({
      channel: n.channel,
      chat_id: n.chatId,
      message_id: n.messageId,
      order_id: n.orderId,
      template: n.template,
      sent_at: n.at,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The order notice a reply points at, if the replied-to message was one of ours in this chat. */
export async function findNoticeMessage(db: Db, channel: ChannelName, chatId: string, messageId: string) {
  return db
    .selectFrom('notice_messages')
    .select(['order_id', 'template'])
    .where('channel', '=', channel)
    .where('chat_id', '=', chatId)
    .where('message_id', '=', messageId)
    .executeTakeFirst();
}
