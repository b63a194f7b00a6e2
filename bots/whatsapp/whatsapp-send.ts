import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { renderNumbered, type OutboundImage, type OutboundMessage } from '../../src/chat/ports.js';
import type { WhatsAppOutboundMedia, WhatsAppSender } from './whatsapp-client.js';

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/** An engine image as the media whatsapp-web.js sends (base64 with its type and a file name). */
export async function mediaOf(image: OutboundImage): Promise<WhatsAppOutboundMedia> {
  if (image.kind === 'png')
    return { mimetype: 'image/png', data: Buffer.from(image.bytes).toString('base64'), filename: image.name };
  const ext = extname(image.path).toLowerCase();
  return {
    mimetype: MIME[ext] ?? 'application/octet-stream',
    data: (await readFile(image.path)).toString('base64'),
    filename: `image${ext}`,
  };
}

/**
 * One engine message as one WhatsApp message: options numbered in the text, and an image or a document as a
 * media message with the text as its caption (WhatsApp allows long captions, so nothing is split).
 */
export async function sendToWhatsApp(
  client: WhatsAppSender,
  chatId: string,
  message: OutboundMessage,
): Promise<string | void> {
  const text = renderNumbered(message);
  if (message.image) return client.sendImage(chatId, await mediaOf(message.image), text);
  // A document (a kuitansi PDF) as a media message; its non-image type makes the client send it as a document.
  if (message.document) {
    const { mime, bytes, name } = message.document;
    return client.sendImage(
      chatId,
      { mimetype: mime, data: Buffer.from(bytes).toString('base64'), filename: name },
      text,
    );
  }
  return client.sendMessage(chatId, text);
}
