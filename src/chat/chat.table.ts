
export type ChatChannelName = 'telegram' | 'whatsapp' | 'web';
export type ChatRole = 'buyer' | 'shop';
export type ChatLanguage = 'id' | 'en';

export interface ChatLinkTable {
  channel: ChatChannelName;
  chat_id: string;
  /** E.164; the identity behind the chat. */
  phone: string;
  role: ChatRole | null;
  shop_id: number | null;
  linked_at: string;
}

export interface ConversationTable {
  channel: ChatChannelName;
  chat_id: string;
  /** JSON of the engine's session (bots/flows/session.ts). */
  state: string;
  language: ChatLanguage;
  updated_at: string;
}

export interface ProcessedMessageTable {
  channel: ChatChannelName;
  message_id: string;
  processed_at: string;
}

export interface ChatTables {
  chat_links: ChatLinkTable;
  conversations: ConversationTable;
  processed_messages: ProcessedMessageTable;
}
