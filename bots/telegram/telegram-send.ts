import { InputFile } from 'grammy';
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup } from 'grammy/types';
import type { OutboundMessage } from '../../src/chat/ports.js';
import { renderNumbered } from '../../src/chat/ports.js';
import { renderOutbound } from './render-outbound.js';

/** Telegram refuses photo captions over 1024 characters. */
export const MAX_CAPTION = 1024;

type Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup;

/** The Bot API calls a message needs, each resolving to the sent message's id (the caller adds retries). */
export interface TelegramSender {
  text(text: string, replyMarkup?: Markup): Promise<number>;
  photo(file: InputFile, caption?: string, replyMarkup?: Markup): Promise<number>;
  document(file: InputFile, caption?: string, replyMarkup?: Markup): Promise<number>;
}

/**
 * Sends one engine message; resolves to the id of the last message sent (the one with the question and
 * buttons, which a reply quotes). A message with an image becomes a sendPhoto with the text as caption and
 * the keyboard under it; a text too long for a caption goes as the photo alone, then the text as usual.
 */
export async function sendToTelegram(send: TelegramSender, message: OutboundMessage): Promise<number | undefined> {
  const parts = renderOutbound(message);
  // A document (a kuitansi PDF) goes as sendDocument, its text the caption, like a photo.
  if (message.document) {
    const file = new InputFile(message.document.bytes, message.document.name);
    const caption = renderNumbered(message);
    if (parts.length === 1 && caption.length <= MAX_CAPTION) return send.document(file, caption, parts[0]!.replyMarkup);
    await send.document(file);
  } else if (message.image) {
    const file =
      message.image.kind === 'png'
        ? new InputFile(message.image.bytes, message.image.name)
        : new InputFile(message.image.path);
    const caption = renderNumbered(message);
    if (parts.length === 1 && caption.length <= MAX_CAPTION) return send.photo(file, caption, parts[0]!.replyMarkup);
    await send.photo(file);
  }
  let last: number | undefined;
  for (const part of parts) last = await send.text(part.text, part.replyMarkup);
  return last;
}
