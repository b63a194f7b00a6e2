import type { Db } from '../../src/db/database.js';
import { createConversationService } from '../../src/chat/conversation.service.js';
import type { Clock } from '../../src/shared/clock.js';
import { chatKey, createChatLocks, type ChatLocks } from './chat-locks.js';
import { renderNotice, type NoticeParams } from './notice-render.js';
import type { PayableQrService } from '../../src/payments/payable-qr.service.js';
import type { Logger } from '../../src/shared/logger.js';
import type { ChannelName, ChatChannel, OutboundMessage } from '../../src/chat/ports.js';
import { freshSession, parseSession } from './session.js';
import { textsFor, type Texts } from './texts/index.js';

export interface NotificationDeliveryDeps {
  db: Db;
  clock: Clock;
  /** The channels running in this process; a person linked only elsewhere is unreachable from here. */
  channels: Partial<Record<ChannelName, ChatChannel>>;
  /** The engine's locks, when both run in one process (see chat-locks.ts). */
  locks?: ChatLocks;
  /** Makes the payable QR that goes before an acceptance notice; without it the notice is text only. */
  payableQr?: PayableQrService;
  /** Makes the kuitansi (PDF) that goes with the buyer's completion notice; without it only the receipt text goes. */
  receipts?: KuitansiSource;
  logger?: Logger;
}

/** What the delivery needs of the receipt service: a completed order's kuitansi as a file. */
export interface KuitansiSource {
  kuitansi(orderId: string): Promise<{ name: string; bytes: Uint8Array }>;
}

export interface NotificationToSend {
  id: number;
  recipientPhone: string;
  template: string;
  params: NoticeParams;
  orderId: string | null;
}

export type NotificationSendResult = { status: 'sent'; channel: ChannelName } | { status: 'unreachable' };

export interface NotificationDelivery {
  deliver(n: NotificationToSend): Promise<NotificationSendResult>;
}

/**
 * Hands a recorded notification to the person's chat: the most recently linked chat on a channel that is
 * available, in that chat's language. A notice that asks something (a new order: 1 terima / 2 tolak)
 * also moves the chat to that question, so that a bare "1" answers it. Errors from `send` propagate: the
 * notify worker decides about retries.
 */
export function createNotificationDelivery(deps: NotificationDeliveryDeps): NotificationDelivery {
  const locks = deps.locks ?? createChatLocks();
  const conversations = createConversationService(deps);

  /**
   * The payable QR before the acceptance notice. Made at send time from the order id and the shop's QRIS
   * (the notice's params hold no image): nothing to store or clean up under DATA_DIR, the QR pays the shop's
   * QRIS as it is when the buyer reads it, and the same code serves "Bayar" later. A QR that cannot be made
   * must not hold back the notice with the shop's contact, so it goes without the image.
   */
  async function imageBefore(n: NotificationToSend, t: Texts): Promise<OutboundMessage | null> {
    if (n.template !== 'order.accepted' || !n.orderId || !deps.payableQr) return null;
    try {
      const qr = await deps.payableQr.forOrder(n.orderId);
      if (!qr) return null;
      return {
        text: t.qrisCaption({ merchant: qr.merchantName, total: qr.amount, code: qr.code }),
        image: { kind: 'png', bytes: qr.png, name: `qris-${qr.code}.png` },
      };
    } catch (error) {
      deps.logger?.error(
        { err: (error as Error).message, notificationId: n.id },
        'payable QR could not be made; notice sent without it',
      );
      return null;
    }
  }

  /**
   * The buyer's kuitansi before the completion notice (the receipt text), made at send time from the order id
   * like the QR, so that nothing is stored. Before the text, as the QR is: a send that fails is retried whole
   * and never leaves the buyer with the text but no kuitansi. One that cannot be made is logged and skipped.
   */
  async function kuitansiBefore(n: NotificationToSend, t: Texts): Promise<OutboundMessage | null> {
    if (n.template !== 'order.completed' || !n.orderId || !deps.receipts) return null;
    try {
      const file = await deps.receipts.kuitansi(n.orderId);
      return {
        text: t.kuitansiCaption(n.params),
        document: { name: file.name, mime: 'application/pdf', bytes: file.bytes },
      };
    } catch (error) {
      deps.logger?.error(
        { err: (error as Error).message, notificationId: n.id },
        'kuitansi could not be made; receipt sent as text only',
      );
      return null;
    }
  }

  return {
    async deliver(n) {
      const links = await conversations.linksOfPhone(n.recipientPhone);
      const link = links.find((l) => deps.channels[l.channel] !== undefined);
      const channel = link ? deps.channels[link.channel] : undefined;
      if (!link || !channel) return { status: 'unreachable' };
      return locks.run(chatKey(link.channel, link.chat_id), async () => {
        const conversation = await conversations.find(link.channel, link.chat_id);
        const language = conversation?.language ?? 'id';
        const rendered = renderNotice(textsFor(language), n.template, n.params, n.orderId);
        // Sent first, then the chat moves to the notice's question: a send that fails (and is retried)
        // must not leave a bare "1" accepting an order the shopkeeper never saw. The lock keeps their
        // reply waiting until both are done.
        const before = (await imageBefore(n, textsFor(language))) ?? (await kuitansiBefore(n, textsFor(language)));
        if (before) await channel.send(link.chat_id, before, { category: 'order_update' });
        const sent = await channel.send(link.chat_id, rendered.message, { category: 'order_update' });
        const at = deps.clock.now().toISOString();
        // A reply quoting this notice answers its order (converse.ts), however many notices came after it.
        if (sent && n.orderId) {
          await conversations.recordNoticeMessage({
            channel: link.channel,
            chatId: link.chat_id,
            messageId: sent.messageId,
            orderId: n.orderId,
            template: n.template,
            at,
          });
        }
        if (rendered.expects) {
          const session = (conversation && parseSession(conversation.state)) || freshSession(rendered.expects.state);
          session.state = rendered.expects.state;
          session.options = rendered.expects.options;
          session.yesNo = rendered.expects.yesNo;
          await conversations.save({
            channel: link.channel,
            chatId: link.chat_id,
            state: JSON.stringify(session),
            language,
            at,
          });
        }
        return { status: 'sent', channel: link.channel };
      });
    },
  };
}
