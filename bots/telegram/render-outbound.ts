import type { InlineKeyboardMarkup, ReplyKeyboardMarkup } from 'grammy/types';
import { renderNumbered, type OutboundMessage } from '../../src/chat/ports.js';

/** One sendMessage call: the text and its keyboard. */
export interface TelegramSend {
  text: string;
  replyMarkup?: InlineKeyboardMarkup | ReplyKeyboardMarkup;
}

/** Telegram refuses texts over 4096 characters; we cut a little below, at line ends where we can. */
export const MAX_TEXT = 4000;
/** Telegram refuses callback_data over 64 bytes. */
export const MAX_CALLBACK_BYTES = 64;

/**
 * An engine message as Telegram calls. The options are numbered in the text (typing "2" keeps working, and
 * it is what the WhatsApp and web users see too) and also offered as inline buttons whose callback data is
 * the option's value. If any value is too long for callback data, there are no buttons at all: a partial
 * keyboard would hide options. A contact request becomes a one-time share-contact keyboard.
 */
export function renderOutbound(message: OutboundMessage): TelegramSend[] {
  const parts = splitText(renderNumbered(message));
  const last = parts.length - 1;
  const markup = keyboardOf(message);
  return parts.map((text, i) => (i === last && markup ? { text, replyMarkup: markup } : { text }));
}

function keyboardOf(message: OutboundMessage): TelegramSend['replyMarkup'] {
  if (message.requestContact) {
    return {
      keyboard: [[{ text: message.requestContact.label, request_contact: true }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    };
  }
  const options = message.options ?? [];
  if (options.length === 0) return undefined;
  if (options.some((o) => o.value === '' || Buffer.byteLength(o.value, 'utf8') > MAX_CALLBACK_BYTES)) return undefined;
  return { inline_keyboard: options.map((o, i) => [{ text: `${i + 1}. ${o.label}`, callback_data: o.value }]) };
}

/** Splits a long text into parts under MAX_TEXT, preferring line ends; never returns an empty part. */
export function splitText(text: string): string[] {
  const body = text.trim() === '' ? '…' : text;
  const parts: string[] = [];
  let rest = body;
  while (rest.length > MAX_TEXT) {
    const cut = rest.lastIndexOf('\n', MAX_TEXT);
    let at = cut > MAX_TEXT / 2 ? cut : MAX_TEXT;
    // Never split an emoji's surrogate pair.
    if (/[\uD800-\uDBFF]/.test(rest.charAt(at - 1))) at -= 1;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  parts.push(rest);
  return parts;
}
