import type { Clock } from '../../src/shared/clock.js';
import type { ConversationHandler, InboundContent, InboundMessage, OutboundMessage } from '../../src/chat/ports.js';
import { chatIdToPhone, isGroupChat, isLidChat, isStatusBroadcast, numberToPhone, phoneToChatId } from './chat-id.js';
import { catalogs } from '../flows/texts/index.js';
import type { LastSeenStore } from './last-seen.js';
import { MAX_PHOTO_BYTES, saveMedia } from './media-store.js';
import { phoneFromVCard } from './vcard.js';
import type {
  WhatsAppLidResolver,
  WhatsAppMessagePort,
  WhatsAppMessageSource,
  WhatsAppSender,
} from './whatsapp-client.js';
import type { WhatsAppLogger } from './whatsapp-logger.js';
import type { WhatsAppPacer } from './whatsapp-pacer.js';
import { sendToWhatsApp } from './whatsapp-send.js';

/** What the person sees when the engine fails: the message itself is not lost, they can simply resend. */
export const APOLOGY_TEXT = catalogs.id.failure;

export interface WhatsAppAdapterDeps {
  /** A client, or the session (which outlives its clients): inbound messages and plain-text sends. */
  client: WhatsAppMessageSource & WhatsAppSender & WhatsAppLidResolver;
  handler: ConversationHandler;
  /** Where photos are saved for the engine to read. */
  mediaDir: string;
  logger: WhatsAppLogger;
  pacer: WhatsAppPacer;
  lastSeen: LastSeenStore;
  clock?: Clock;
}

export interface WhatsAppAdapter {
  /** Handles one inbound message to the end (replies sent or failed); never rejects. */
  handleMessage(message: WhatsAppMessagePort): Promise<void>;
}

/**
 * Translates whatsapp-web.js messages into the engine's InboundMessage and the engine's replies into
 * numbered text, sent through the pacer. Registers its 'message' listener on `client` when created.
 */
export function createWhatsAppAdapter(deps: WhatsAppAdapterDeps): WhatsAppAdapter {
  const clock = deps.clock ?? { now: () => new Date() };
  const { logger } = deps;

  async function senderPhoneOf(message: WhatsAppMessagePort): Promise<string | undefined> {
    const direct = chatIdToPhone(message.from);
    if (direct) return direct;
    if (!isLidChat(message.from)) return undefined;
    // A privacy id hides the number; the contact may still know it once the person is in our address book.
    try {
      const contact = await message.getContact();
      const lidDigits = message.from.slice(0, message.from.indexOf('@'));
      const fromContact = contact.number && contact.number !== lidDigits ? numberToPhone(contact.number) : null;
      if (fromContact) return fromContact;
      // Not in the address book: WhatsApp's server may still pair the lid with its phone.
      const [pair] = await deps.client.getContactLidAndPhone([message.from]);
      return (pair?.pn && chatIdToPhone(pair.pn)) || undefined;
    } catch (error) {
      logger.warn({ err: error }, 'whatsapp: could not resolve an @lid sender');
      return undefined;
    }
  }

  /**
   * Whether a contact card is the sender's own. With the sender's phone known, it must be that phone. An
   * `@lid` sender with a hidden phone cannot be compared that way, but WhatsApp usually tells the lid of a
   * phone: the card is theirs when its phone has the sender's lid. Anything else would let one person link
   * a chat to someone else's number.
   */
  async function isOwnCard(
    message: WhatsAppMessagePort,
    cardPhone: string,
    senderPhone: string | undefined,
  ): Promise<boolean> {
    if (senderPhone) return cardPhone === senderPhone;
    if (!isLidChat(message.from)) return false;
    try {
      const [pair] = await deps.client.getContactLidAndPhone([phoneToChatId(cardPhone)]);
      return pair?.lid === message.from;
    } catch (error) {
      logger.warn({ err: error }, 'whatsapp: could not check a contact card against an @lid sender');
      return false;
    }
  }

  async function contentOf(message: WhatsAppMessagePort, senderPhone: string | undefined): Promise<InboundContent> {
    switch (message.type) {
      case 'chat':
        return { kind: 'text', text: message.body };
      case 'image':
        return photoOf(message);
      case 'vcard':
      case 'multi_vcard': {
        const card = message.vCards?.[0] ?? message.body;
        const phone = phoneFromVCard(card);
        if (!phone) return { kind: 'unsupported', what: 'contact_without_phone' };
        return { kind: 'contact', phone, isOwn: await isOwnCard(message, phone, senderPhone) };
      }
      default:
        // ptt, audio, sticker, location, video, document and whatever WhatsApp adds next: the engine answers
        // politely that it only reads text, photos and contacts.
        return { kind: 'unsupported', what: message.type || 'unknown' };
    }
  }

  async function photoOf(message: WhatsAppMessagePort): Promise<InboundContent> {
    if (!message.hasMedia) return { kind: 'unsupported', what: 'image' };
    try {
      const media = await message.downloadMedia();
      if (!media) return { kind: 'unsupported', what: 'image' };
      // Base64 is 4 characters for 3 bytes; a photo this large is not kept (the same limit as Telegram's).
      if (media.data.length * 0.75 > MAX_PHOTO_BYTES) return { kind: 'unsupported', what: 'photo_too_large' };
      const path = await saveMedia({ mediaDir: deps.mediaDir, messageId: message.id._serialized, media });
      return { kind: 'photo', path, caption: message.body };
    } catch (error) {
      logger.warn({ err: error }, 'whatsapp: could not save a photo');
      return { kind: 'unsupported', what: 'image' };
    }
  }

  /** The id of the message the person quoted (swiped to reply to), if any. */
  async function quotedId(message: WhatsAppMessagePort): Promise<string | undefined> {
    if (!message.hasQuotedMsg || !message.getQuotedMessage) return undefined;
    try {
      return (await message.getQuotedMessage())?.id._serialized;
    } catch (error) {
      // Without it the answer is read as a bare one, which asks "which order?" when several wait.
      logger.warn({ err: error }, 'whatsapp: could not read a quoted message');
      return undefined;
    }
  }

  async function touch(chatIds: readonly string[]): Promise<void> {
    const at = clock.now();
    try {
      await Promise.all(chatIds.map((id) => deps.lastSeen.touch(id, at)));
    } catch (error) {
      // Only costs a proactive message being held back later; the reply must still go out.
      logger.warn({ err: error }, 'whatsapp: could not record last-seen');
    }
  }

  async function reply(chatId: string, replies: readonly OutboundMessage[]): Promise<void> {
    // Enqueued together so the pacer keeps them in order for this chat; each is still spaced.
    const sends = replies.map((r) => {
      return deps.pacer.enqueue(chatId, async () => void (await sendToWhatsApp(deps.client, chatId, r)), {
        priority: 'reply',
      });
    });
    const results = await Promise.allSettled(sends);
    for (const r of results) {
      if (r.status === 'rejected') logger.error({ err: r.reason }, 'whatsapp: reply could not be sent');
    }
  }

  async function handleMessage(message: WhatsAppMessagePort): Promise<void> {
    try {
      // Groups and status updates are not conversations with us; our own messages echo back as events.
      if (message.fromMe || message.isStatus || isStatusBroadcast(message.from) || isGroupChat(message.from)) return;
      const chatId = message.from;
      const senderPhone = await senderPhoneOf(message);
      // The notify side addresses people by phone (`628…@c.us`); an @lid chat is seen under both ids.
      const phoneChat = senderPhone ? phoneToChatId(senderPhone) : undefined;
      await touch(phoneChat && phoneChat !== chatId ? [chatId, phoneChat] : [chatId]);

      const inbound: InboundMessage = {
        channel: 'whatsapp',
        chatId,
        messageId: message.id._serialized,
        ...(senderPhone ? { senderPhone } : {}),
        content: await contentOf(message, senderPhone),
      };
      const replyTo = await quotedId(message);
      if (replyTo) inbound.replyTo = replyTo;
      let replies: readonly OutboundMessage[];
      try {
        replies = await deps.handler.handle(inbound);
      } catch (error) {
        logger.error({ err: error, kind: inbound.content.kind }, 'whatsapp: the conversation handler failed');
        replies = [{ text: APOLOGY_TEXT }];
      }
      await reply(chatId, replies);
    } catch (error) {
      logger.error({ err: error }, 'whatsapp: inbound message dropped');
    }
  }

  deps.client.on('message', (message) => void handleMessage(message));
  return { handleMessage };
}
