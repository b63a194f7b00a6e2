import type { ChannelName } from './ports.js';

export type ChatRole = 'buyer' | 'shop';
export type ChatLanguage = 'id' | 'en';

export interface ChatLinkTable {
  channel: ChannelName;
  chat_id: string;
  /** E.164; the identity behind the chat. */
  phone: string;
  role: ChatRole | null;
  shop_id: number | null;
  linked_at: string;
}

export interface ConversationTable {
  channel: ChannelName;
  chat_id: string;
  /** JSON of the engine's session (bots/flows/session.ts). */
  state: string;
  language: ChatLanguage;
  updated_at: string;
}

export interface ProcessedMessageTable {
  channel: ChannelName;
  message_id: string;
  processed_at: string;
}

/** An update stored before it is handled (migrations/0014): see update-inbox.repository.ts. */
export interface InboundUpdateTable {
  channel: ChannelName;
  update_id: number;
  chat_key: string;
  payload: string | null;
  received_at: string;
  claimed_until: string | null;
  handled_at: string | null;
}

/** An order notice as sent on a platform (migration 0013): a reply to `message_id` answers `order_id`. */
export interface NoticeMessageTable {
  channel: ChannelName;
  chat_id: string;
  message_id: string;
  order_id: string;
  /** The notice's template (order.new, order.delivered…): what a reply to it can mean. */
  template: string;
  sent_at: string;
}

export interface ChatTables {
  chat_links: ChatLinkTable;
  notice_messages: NoticeMessageTable;
  conversations: ConversationTable;
  processed_messages: ProcessedMessageTable;
  inbound_updates: InboundUpdateTable;
}
