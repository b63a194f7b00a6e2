import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** Whether the web chat already has a conversation or a link row: only a chat without either adds rows. */
export async function webChatKnown(db: Db, chatId: string): Promise<boolean> {
  const [conversation, link] = await Promise.all([
    db
      .selectFrom('conversations')
      .select('chat_id')
      .where('channel', '=', 'web')
      .where('chat_id', '=', chatId)
      .executeTakeFirst(),
    db
      .selectFrom('chat_links')
      .select('chat_id')
      .where('channel', '=', 'web')
      .where('chat_id', '=', chatId)
      .executeTakeFirst(),
  ]);
  return conversation !== undefined || link !== undefined;
}

/**
 * Deletes the web chats whose conversation was last touched before `before`, with their link rows, except
 * the chats of a shop contact or a dashboard person (by the link's phone): the listing counts a shop as
 * reachable through its people's links (listing.repository.ts, someoneAnswers) and sign-in codes go to an
 * admin's web chat. Telegram and WhatsApp rows are never touched. Returns the conversations removed.
 */
export async function pruneIdleWebChats(db: Db, before: string): Promise<number> {
  const kept = sql<boolean>`exists (select 1 from chat_links cl where cl.channel = 'web' and cl.chat_id = conversations.chat_id
    and (exists (select 1 from shop_contacts sc where sc.phone = cl.phone) or exists (select 1 from admins a where a.phone = cl.phone)))`;
  return db.transaction().execute(async (trx) => {
    const idle = await trx
      .selectFrom('conversations')
      .select('chat_id')
      .where('channel', '=', 'web')
      .where('updated_at', '<', before)
      .where(sql<boolean>`not ${kept}`)
      .execute();
    let removed = 0;
    // In slices: a flood leaves tens of thousands, past SQLite's bound-parameter limit.
    for (let i = 0; i < idle.length; i += 500) {
      const ids = idle.slice(i, i + 500).map((r) => r.chat_id);
      await trx.deleteFrom('chat_links').where('channel', '=', 'web').where('chat_id', 'in', ids).execute();
      const r = await trx
        .deleteFrom('conversations')
        .where('channel', '=', 'web')
        .where('chat_id', 'in', ids)
        .executeTakeFirst();
      removed += Number(r.numDeletedRows);
    }
    return removed;
  });
}
