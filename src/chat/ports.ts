/**
 * The ports between chat channels and the conversation engine. The flows see only these types, never a
 * grammY Context or a whatsapp-web.js Message; an adapter translates both ways and never touches the
 * database itself. They live in src/chat, not in bots/, because the domain (notify, broadcasts) sends
 * through them too and must not import a channel or the engine.
 */

/** The chat channels, once: every other list or union of channel names derives from this one. */
export const CHANNEL_NAMES = ['telegram', 'whatsapp', 'web'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** What a person sent, in platform-neutral form. */
export type InboundContent =
  | { kind: 'text'; text: string }
  /** A picked option (an inline-keyboard button on Telegram); `value` is the option's value as sent out. */
  | { kind: 'option'; value: string }
  /** A shared contact card. `isOwn` is the adapter's check that the contact is the sender's own number. */
  | { kind: 'contact'; phone: string; isOwn: boolean }
  /** A photo saved by the adapter under the media folder, with its caption. */
  | { kind: 'photo'; path: string; caption: string }
  /** Stickers, voice notes, locations, videos…: answered politely by the engine. */
  | { kind: 'unsupported'; what: string };

export interface InboundMessage {
  channel: ChannelName;
  /** The chat to answer in (a Telegram chat id, a WhatsApp jid, a web session id). */
  chatId: string;
  /** Platform id of this delivery (update_id, message id): a repeat has no second effect. */
  messageId: string;
  /** The sender's phone in E.164 when the platform tells it (WhatsApp does; Telegram only by contact). */
  senderPhone?: string;
  /**
   * The platform id of the message this one replies to (a WhatsApp quoted message, a Telegram reply), when
   * the person replied to one: a reply to an order notice answers that order.
   */
  replyTo?: string;
  /**
   * The parameter the person opened the bot with (a Telegram deep link's `/start <param>`): a shop's
   * invitation. WhatsApp and the web chat carry it in the message's text instead.
   */
  startParam?: string;
  content: InboundContent;
}

export interface OutboundOption {
  /** What the person sees, without its number: adapters number options themselves. */
  label: string;
  /** Sent back as an `option` content when picked (Telegram callback data, ≤ 64 bytes). */
  value: string;
}

/**
 * A picture sent with a message, whose text becomes its caption: PNG bytes made for this message (a payable
 * QR) or a file saved under the media folder. Adapters choose how their platform carries it.
 */
export type OutboundImage = { kind: 'png'; bytes: Uint8Array; name: string } | { kind: 'file'; path: string };

/**
 * A file sent with a message (a kuitansi PDF), whose text becomes its caption: Telegram sendDocument, a
 * WhatsApp media message sent as a document, a download link in the web chat.
 */
export interface OutboundDocument {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

export interface OutboundMessage {
  /** The text, or the image's (document's) caption when there is one. */
  text: string;
  image?: OutboundImage;
  /** Not together with `image`: a message carries one attachment at most. */
  document?: OutboundDocument;
  options?: readonly OutboundOption[];
  /** Ask for the sender's own phone number (Telegram: a one-time share-contact button with this label). */
  requestContact?: { label: string };
}

/**
 * Why a message is sent. Replies answer what the person just wrote; the rest are proactive, and WhatsApp
 * limits proactive messages to people who have not written lately (see bots/whatsapp).
 */
export type MessageCategory = 'reply' | 'order_update' | 'quota_reminder' | 'broadcast' | 'prompt';

/** What a channel tells about a message it sent: the platform's id, which a later reply quotes. */
export interface SentMessage {
  messageId: string;
}

/** A channel as the engine and the notify worker see it. */
export interface ChatChannel {
  readonly name: ChannelName;
  /** Resolves once sent, with the platform's message id when the platform gives one. */
  send(chatId: string, message: OutboundMessage, meta?: { category: MessageCategory }): Promise<SentMessage | void>;
}

/** The engine as an adapter sees it: one inbound message in, the replies out (in order). */
export interface ConversationHandler {
  handle(message: InboundMessage): Promise<readonly OutboundMessage[]>;
}

/** Options as numbered text lines, the way every channel without buttons shows them. */
export function renderNumbered(message: OutboundMessage): string {
  if (!message.options?.length) return message.text;
  const lines = message.options.map((o, i) => `${i + 1}. ${o.label}`);
  return `${message.text}\n\n${lines.join('\n')}`;
}
