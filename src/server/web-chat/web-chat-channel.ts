import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ChatChannel, MessageCategory, OutboundImage, OutboundMessage } from '../../chat/ports.js';

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
  /** An engine reply as the page shows it: its image, if any, kept for this chat and given a URL. */
  present(chatId: string, message: OutboundMessage): Promise<WebChatMessage>;
  /** The image `id`, only for the chat it was sent to. */
  image(chatId: string, id: string): WebChatImage | undefined;
}

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

async function imageBytes(image: OutboundImage): Promise<{ bytes: Buffer; type: string }> {
  if (image.kind === 'png') return { bytes: Buffer.from(image.bytes), type: 'image/png' };
  const ext = image.path.split('.').pop()?.toLowerCase() ?? '';
  return { bytes: await readFile(image.path), type: IMAGE_TYPES[ext] ?? 'application/octet-stream' };
}

export function createWebChatChannel(
  p: { maxPerChat?: number; maxChats?: number; maxImages?: number } = {},
): WebChatChannel {
  const maxPerChat = p.maxPerChat ?? 100;
  const maxChats = p.maxChats ?? 5000;
  const maxImages = p.maxImages ?? 500;
  const inboxes = new Map<string, { seq: number; items: WebChatItem[] }>();
  const phones = new Map<string, string>();
  const images = new Map<string, WebChatImage>();

  /** Keeps an attachment for its chat and returns its URL. */
  function keep(file: WebChatImage): string {
    const id = randomBytes(12).toString('base64url');
    // Oldest first when full: a page shows an image once, right after it arrives.
    if (images.size >= maxImages) images.delete(images.keys().next().value!);
    images.set(id, file);
    return `/chat/api/image/${id}`;
  }

  async function present(chatId: string, message: OutboundMessage): Promise<WebChatMessage> {
    const { image, document, ...rest } = message;
    if (document)
      return {
        ...rest,
        documentUrl: keep({ chatId, bytes: Buffer.from(document.bytes), type: document.mime, name: document.name }),
        documentName: document.name,
      };
    if (!image) return rest;
    return { ...rest, imageUrl: keep({ chatId, ...(await imageBytes(image)) }) };
  }

  return {
    name: 'web',
    async send(chatId, message, meta) {
      const shown = await present(chatId, message);
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
      box.items.push({ seq: ++box.seq, message: shown, category: meta?.category ?? 'reply' });
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
    present,
    image(chatId, id) {
      const found = images.get(id);
      return found && found.chatId === chatId ? found : undefined;
    },
  };
}
