import type { ChatChannel, MessageCategory, OutboundMessage } from '../../../bots/flows/ports.js';

/** One message waiting in a web chat's inbox. */
export interface WebChatItem {
  seq: number;
  message: OutboundMessage;
  category: MessageCategory;
}

/**
 * The web chat as a ChatChannel: messages sent to a chat (order updates for a buyer or a shop in the
 * browser) wait in a per-chat inbox that the page polls. In memory and bounded: web chat is for demos and
 * training, and a closed tab must not keep messages forever.
 */
export interface WebChatChannel extends ChatChannel {
  /** Messages after `afterSeq`, oldest first. */
  poll(chatId: string, afterSeq: number): WebChatItem[];
  /** Remembers which phone a chat speaks as, so that notifications to that phone reach the page. */
  bind(chatId: string, phone: string): void;
  /** The open web chats of a phone (the notify delivery sends to each). */
  chatsOf(phone: string): string[];
}

export function createWebChatChannel(p: { maxPerChat?: number; maxChats?: number } = {}): WebChatChannel {
  const maxPerChat = p.maxPerChat ?? 100;
  const maxChats = p.maxChats ?? 5000;
  const inboxes = new Map<string, { seq: number; items: WebChatItem[] }>();
  const phones = new Map<string, string>();
  return {
    name: 'web',
    async send(chatId, message, meta) {
      let box = inboxes.get(chatId);
      if (!box) {
        // Oldest chats go first when full (Map keeps insertion order).
        if (inboxes.size >= maxChats) {
          const oldest = inboxes.keys().next().value!;
          inboxes.delete(oldest);
          phones.delete(oldest);
        }
        box = { seq: 0, items: [] };
        inboxes.set(chatId, box);
      }
      box.items.push({ seq: ++box.seq, message, category: meta?.category ?? 'reply' });
      if (box.items.length > maxPerChat) box.items.splice(0, box.items.length - maxPerChat);
    },
    poll(chatId, afterSeq) {
      return (inboxes.get(chatId)?.items ?? []).filter((i) => i.seq > afterSeq);
    },
    bind(chatId, phone) {
      if (!phones.has(chatId) && phones.size >= maxChats) phones.delete(phones.keys().next().value!);
      phones.set(chatId, phone);
    },
    chatsOf(phone) {
      return [...phones].filter(([, p]) => p === phone).map(([chatId]) => chatId);
    },
  };
}
