import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ChatChannel, OutboundImage, OutboundMessage } from '../../chat/ports.js';
import {
  createMemoryWebChatStore,
  type WebChatBounds,
  type WebChatImage,
  type WebChatItem,
  type WebChatMessage,
  type WebChatStore,
} from './web-chat-store.js';

export type { WebChatImage, WebChatItem, WebChatMessage } from './web-chat-store.js';

/**
 * The web chat as a ChatChannel: messages sent to a chat (order updates for a buyer or a shop in the
 * browser) wait in a per-chat inbox that the page polls. The inbox is a WebChatStore: this process's memory by
 * default, Redis when several server processes share the people (src/main.ts).
 */
export interface WebChatChannel extends ChatChannel {
  /** Messages after `afterSeq`, oldest first. */
  poll(chatId: string, afterSeq: number): Promise<WebChatItem[]>;
  /** An engine reply as the page shows it: its image, if any, kept for this chat and given a URL. */
  present(chatId: string, message: OutboundMessage): Promise<WebChatMessage>;
  /** The image `id`, only for the chat it was sent to. */
  image(chatId: string, id: string): Promise<WebChatImage | undefined>;
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

export function createWebChatChannel(p: WebChatBounds & { store?: WebChatStore } = {}): WebChatChannel {
  const store = p.store ?? createMemoryWebChatStore(p);

  /** Keeps an attachment for its chat and returns its URL. */
  async function keep(file: WebChatImage): Promise<string> {
    const id = randomBytes(12).toString('base64url');
    await store.keepFile(id, file);
    return `/chat/api/image/${id}`;
  }

  async function present(chatId: string, message: OutboundMessage): Promise<WebChatMessage> {
    const { image, document, ...rest } = message;
    if (document)
      return {
        ...rest,
        documentUrl: await keep({
          chatId,
          bytes: Buffer.from(document.bytes),
          type: document.mime,
          name: document.name,
        }),
        documentName: document.name,
      };
    if (!image) return rest;
    return { ...rest, imageUrl: await keep({ chatId, ...(await imageBytes(image)) }) };
  }

  return {
    name: 'web',
    async send(chatId, message, meta) {
      const shown = await present(chatId, message);
      await store.append(chatId, { message: shown, category: meta?.category ?? 'reply' });
    },
    poll: (chatId, afterSeq) => store.since(chatId, afterSeq),
    present,
    async image(chatId, id) {
      const found = await store.file(id);
      return found && found.chatId === chatId ? found : undefined;
    },
  };
}
