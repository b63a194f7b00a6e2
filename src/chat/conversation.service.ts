import type { Db } from '../db/database.js';
import { chatLinksOfPhone } from './chat-link.repository.js';
import type { ChatLanguage } from './chat.table.js';
import { findConversation, isProcessed, markProcessed, saveConversation } from './conversation.repository.js';
import { findNoticeMessage, recordNoticeMessage } from './notice-message.repository.js';
import type { ChannelName } from './ports.js';

export interface ConversationRecord {
  channel: ChannelName;
  chatId: string;
  /** The session as JSON (bots/flows/session.ts). */
  state: string;
  language: ChatLanguage;
  at: string;
}

/**
 * The chat state the conversation engine and the notification delivery keep: conversations, processed
 * message ids, the chats of a phone and the order notices sent. The engine in bots/ reaches the database
 * only through this.
 */
export interface ConversationService {
  find(channel: ChannelName, chatId: string): ReturnType<typeof findConversation>;
  save(c: ConversationRecord): Promise<void>;
  isProcessed(channel: ChannelName, messageId: string): Promise<boolean>;
  /** Marks a message handled and saves the chat's session with it, in one transaction. */
  finish(p: { channel: ChannelName; messageId: string; at: string; conversation?: ConversationRecord }): Promise<void>;
  /** The chats linked to a phone, the most recently linked first. */
  linksOfPhone(phone: string): ReturnType<typeof chatLinksOfPhone>;
  recordNoticeMessage(n: Parameters<typeof recordNoticeMessage>[1]): Promise<void>;
  findNoticeMessage(channel: ChannelName, chatId: string, messageId: string): ReturnType<typeof findNoticeMessage>;
}

export function createConversationService(deps: { db: Db }): ConversationService {
  const { db } = deps;
  return {
    find: (channel, chatId) => findConversation(db, channel, chatId),
    save: (c) => saveConversation(db, c),
    isProcessed: (channel, messageId) => isProcessed(db, channel, messageId),
    async finish(p) {
      await db.transaction().execute(async (trx) => {
        await markProcessed(trx, p.channel, p.messageId, p.at);
        if (p.conversation) await saveConversation(trx, p.conversation);
      });
    },
    linksOfPhone: (phone) => chatLinksOfPhone(db, phone),
    recordNoticeMessage: (n) => recordNoticeMessage(db, n),
    findNoticeMessage: (channel, chatId, messageId) => findNoticeMessage(db, channel, chatId, messageId),
  };
}
