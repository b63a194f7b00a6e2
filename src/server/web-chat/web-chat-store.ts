import type { MessageCategory, OutboundMessage } from '../../chat/ports.js';

/**
 * A message as the page receives it: an image or a document (a kuitansi PDF) becomes a URL served only to its
 * own chat; a document also keeps its file name, which the page shows as a download link.
 */
export type WebChatMessage = Omit<OutboundMessage, 'image' | 'document'> & {
  imageUrl?: string;
  documentUrl?: string;
  documentName?: string;
};

/** One message waiting in a web chat's inbox. */
export interface WebChatItem {
  seq: number;
  message: WebChatMessage;
  category: MessageCategory;
}

/** An image (or a document) kept for the chat it was sent to. */
export interface WebChatImage {
  chatId: string;
  bytes: Buffer;
  type: string;
  /** A document's file name (for the download); absent for images. */
  name?: string;
}

/**
 * Where the web chat keeps what waits for the page: each chat's inbox (numbered, bounded) and the files its
 * messages link to. In memory for one process (below), in Redis when several server processes serve the same
 * people (redis-web-chat-store.ts): a notice put in the inbox by one process's worker is read by the page
 * through whichever process the load balancer picks.
 */
export interface WebChatStore {
  /** Adds a message to the chat's inbox under the chat's next number. */
  append(chatId: string, item: Omit<WebChatItem, 'seq'>): Promise<void>;
  /** The chat's messages numbered after `afterSeq`, oldest first. */
  since(chatId: string, afterSeq: number): Promise<WebChatItem[]>;
  keepFile(id: string, file: WebChatImage): Promise<void>;
  file(id: string): Promise<WebChatImage | undefined>;
}

export interface WebChatBounds {
  /** Messages kept per chat (the oldest go first). */
  maxPerChat?: number;
  /** Chats kept in memory (the least recently written go first); Redis expires idle inboxes instead. */
  maxChats?: number;
  /** Files kept in memory; Redis expires them instead. */
  maxImages?: number;
}

/**
 * The inbox of one process, in its memory and bounded: web chat is for demos and training, and a closed tab
 * must not keep messages forever.
 */
export function createMemoryWebChatStore(p: WebChatBounds = {}): WebChatStore {
  const maxPerChat = p.maxPerChat ?? 100;
  const maxChats = p.maxChats ?? 5000;
  const maxImages = p.maxImages ?? 500;
  const inboxes = new Map<string, { seq: number; items: WebChatItem[] }>();
  const files = new Map<string, WebChatImage>();
  return {
    async append(chatId, item) {
      let box = inboxes.get(chatId);
      if (!box) {
        // Oldest chats go first when full (Map keeps insertion order).
        if (inboxes.size >= maxChats) inboxes.delete(inboxes.keys().next().value!);
        box = { seq: 0, items: [] };
        inboxes.set(chatId, box);
      }
      box.items.push({ seq: ++box.seq, ...item });
      if (box.items.length > maxPerChat) box.items.splice(0, box.items.length - maxPerChat);
    },
    async since(chatId, afterSeq) {
      return (inboxes.get(chatId)?.items ?? []).filter((i) => i.seq > afterSeq);
    },
    async keepFile(id, file) {
      // Oldest first when full: a page shows an image once, right after it arrives.
      if (files.size >= maxImages) files.delete(files.keys().next().value!);
      files.set(id, file);
    },
    async file(id) {
      return files.get(id);
    },
  };
}
