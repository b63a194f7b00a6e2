import type { Message, Update } from 'grammy/types';
import type { InboundContent } from '../../src/chat/ports.js';
import type { Language } from '../flows/texts/index.js';
import { languageOf, type TelegramNotice } from './telegram-texts.js';

/** A photo still on Telegram's servers: the bot downloads it before the engine sees it. */
export type PendingContent = InboundContent | { kind: 'photo_file'; fileId: string; caption: string };

/** What to do with one update. Every kind may carry a callback query that must be answered. */
export type Translation =
  | {
      kind: 'engine';
      chatId: string;
      messageId: string;
      content: PendingContent;
      callbackQueryId?: string;
      replyTo?: string;
      startParam?: string;
    }
  | { kind: 'notice'; chatId: string; notice: TelegramNotice; language: Language; callbackQueryId?: string }
  | { kind: 'ignore'; reason: string; callbackQueryId?: string };

/** Message kinds we cannot read; the engine answers them politely. */
const UNSUPPORTED = [
  'sticker',
  'voice',
  'video',
  'video_note',
  'audio',
  'animation',
  'document',
  'location',
  'venue',
  'poll',
  'dice',
  'game',
  'story',
] as const;

/**
 * Turns a Telegram update into what the bot does with it. Pure: no I/O, so every odd update can be tested
 * on its own. The update_id is the message id, because Telegram redelivers a webhook update with the same
 * update_id and the engine ignores a message id it has seen.
 */
export function translateUpdate(update: Update, bot: { username?: string }): Translation {
  const messageId = String(update.update_id);
  if (update.callback_query) {
    const q = update.callback_query;
    const chat = q.message?.chat;
    if (chat && chat.type !== 'private') return { kind: 'ignore', reason: 'callback_in_group', callbackQueryId: q.id };
    if (q.data === undefined) return { kind: 'ignore', reason: 'callback_without_data', callbackQueryId: q.id };
    // Callback data comes from the person's app and can be forged: it is only an option value, and the
    // engine checks that this chat may do what the value names.
    return {
      kind: 'engine',
      chatId: String(chat?.id ?? q.from.id),
      messageId,
      content: { kind: 'option', value: q.data },
      callbackQueryId: q.id,
    };
  }
  if (update.message) return translateMessage(update.message, messageId, bot);
  if (update.edited_message) {
    const m = update.edited_message;
    if (m.chat.type !== 'private') return { kind: 'ignore', reason: 'edited_in_group' };
    return {
      kind: 'notice',
      chatId: String(m.chat.id),
      notice: 'editedMessage',
      language: languageOf(m.from?.language_code),
    };
  }
  if (update.channel_post || update.edited_channel_post) return { kind: 'ignore', reason: 'channel_post' };
  return { kind: 'ignore', reason: 'other_update' };
}

function translateMessage(m: Message, messageId: string, bot: { username?: string }): Translation {
  if (m.chat.type !== 'private') {
    // One polite line when someone speaks to the bot in a group; the group's own chatter is not for us.
    if (addressesBot(m, bot))
      return {
        kind: 'notice',
        chatId: String(m.chat.id),
        notice: 'privateChatOnly',
        language: languageOf(m.from?.language_code),
      };
    return { kind: 'ignore', reason: 'group_message' };
  }
  if (!m.from || m.from.is_bot) return { kind: 'ignore', reason: 'not_a_person' };
  const chatId = String(m.chat.id);
  // A reply to one of the bot's messages (an order notice) names it: the engine answers that order.
  const replied = m.reply_to_message?.from?.is_bot ? m.reply_to_message.message_id : undefined;
  const replyTo = replied !== undefined ? { replyTo: String(replied) } : {};
  const engine = (content: PendingContent): Translation => ({ kind: 'engine', chatId, messageId, content, ...replyTo });
  if (m.text !== undefined) {
    // A deep link t.me/<bot>?start=<param> (a shop's invitation) arrives as "/start <param>": the engine
    // gets "/start" as always, and the parameter beside it.
    const start = /^\/start(?:@([A-Za-z0-9_]+))?\s+(\S{1,64})\s*$/.exec(m.text);
    const ours = start && (!start[1] || !bot.username || start[1].toLowerCase() === bot.username.toLowerCase());
    if (ours)
      return {
        kind: 'engine',
        chatId,
        messageId,
        content: { kind: 'text', text: '/start' },
        ...replyTo,
        startParam: start[2]!,
      };
    return engine({ kind: 'text', text: commandAsWord(m.text, bot) });
  }
  if (m.contact) {
    // Only a card of the sender's own account proves the number; anyone can share someone else's card.
    const isOwn = m.contact.user_id !== undefined && m.contact.user_id === m.from.id;
    return engine({ kind: 'contact', phone: m.contact.phone_number, isOwn });
  }
  if (m.photo?.length) {
    // Telegram lists sizes smallest first; the largest reads best.
    const largest = m.photo[m.photo.length - 1]!;
    return engine({ kind: 'photo_file', fileId: largest.file_id, caption: m.caption ?? '' });
  }
  const what = UNSUPPORTED.find((k) => m[k] !== undefined) ?? 'other';
  return engine({ kind: 'unsupported', what });
}

/** A command for us (bare, or "/cmd@our_bot"), or a mention of us; a command for another bot is not. */
function addressesBot(m: Message, bot: { username?: string }): boolean {
  const text = m.text ?? m.caption ?? '';
  const mine = bot.username?.toLowerCase();
  const command = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?/.exec(text);
  if (command) return command[1] === undefined || command[1].toLowerCase() === mine;
  return mine !== undefined && text.toLowerCase().includes(`@${mine}`);
}

/**
 * "/start@peken_bot abc" → "/start": the engine knows /start, /menu and /help; a deep-link payload means
 * nothing to it. Other commands lose the slash, so "/batal" works as "batal".
 */
const SLASH_WORDS = new Set(['start', 'menu', 'help']);

function commandAsWord(text: string, bot: { username?: string }): string {
  const command = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s|$)/.exec(text);
  if (!command) return text;
  const [, name, target] = command;
  if (target && bot.username && target.toLowerCase() !== bot.username.toLowerCase()) return text;
  const word = name!.toLowerCase();
  return SLASH_WORDS.has(word) ? `/${word}` : word;
}
