import type { Db } from '../db/database.js';
import type { ChatRole } from './chat.table.js';
import type { ChannelName } from './ports.js';

export async function findChatLink(db: Db, channel: ChannelName, chatId: string) {
  return db
    .selectFrom('chat_links')
    .selectAll()
    .where('channel', '=', channel)
    .where('chat_id', '=', chatId)
    .executeTakeFirst();
}

/** A person's chats, most recently linked first. */
export async function chatLinksOfPhone(db: Db, phone: string) {
  return db
    .selectFrom('chat_links')
    .selectAll()
    .where('phone', '=', phone)
    .orderBy('linked_at', 'desc')
    .orderBy('channel')
    .execute();
}

export async function upsertChatLink(
  db: Db,
  l: {
    channel: ChannelName;
    chatId: string;
    phone: string;
    role: ChatRole | null;
    shopId: number | null;
    at: string;
  },
): Promise<void> {
  const row = {
    channel: l.channel,
    chat_id: l.chatId,
    phone: l.phone,
    role: l.role,
    shop_id: l.shopId,
    linked_at: l.at,
  };
  await db
    .insertInto('chat_links')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['channel', 'chat_id'])
        .doUpdateSet({ phone: l.phone, role: l.role, shop_id: l.shopId, linked_at: l.at }),
    )
    .execute();
}

export async function setChatRole(
  db: Db,
  channel: ChannelName,
  chatId: string,
  role: ChatRole,
  shopId: number | null,
): Promise<void> {
  await db
    .updateTable('chat_links')
    .set({ role, shop_id: shopId })
    .where('channel', '=', channel)
    .where('chat_id', '=', chatId)
    .execute();
}

export async function deleteChatLink(db: Db, channel: ChannelName, chatId: string): Promise<void> {
  await db.deleteFrom('chat_links').where('channel', '=', channel).where('chat_id', '=', chatId).execute();
}
