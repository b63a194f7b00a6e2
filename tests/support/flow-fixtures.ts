import { createChatLocks, createConversationEngine, createNotificationDelivery } from '../../bots/flows/index.js';
import type {
  ChannelName,
  ChatChannel,
  InboundContent,
  MessageCategory,
  OutboundMessage,
} from '../../src/chat/ports.js';
import type { Db } from '../../src/db/database.js';
import { setNotificationStatus } from '../../src/notify/notification.repository.js';
import { createPayableQrService } from '../../src/payments/payable-qr.service.js';
import { domainServices } from './services.js';

export interface SentMessage {
  chatId: string;
  message: OutboundMessage;
  meta?: { category: MessageCategory };
}

/** A ChatChannel that records what it was asked to send. */
export function recordingChannel(name: ChannelName): ChatChannel & { sent: SentMessage[] } {
  const sent: SentMessage[] = [];
  return {
    name,
    sent,
    async send(chatId, message, meta) {
      sent.push({ chatId, message, meta });
    },
  };
}

let messageSeq = 0;

/** The engine, the notification delivery and the order service over one test database. */
export function flowWorld(db: Db, p: { idleTimeoutMs?: number; at?: string } = {}) {
  const services = domainServices(db, p.at);
  const locks = createChatLocks();
  const makeEngine = () =>
    createConversationEngine({
      db,
      clock: services.clock,
      settings: services.settings,
      orders: services.orders,
      locks,
      idleTimeoutMs: p.idleTimeoutMs,
    });
  const engine = makeEngine();
  const telegram = recordingChannel('telegram');
  const delivery = createNotificationDelivery({
    db,
    clock: services.clock,
    channels: { telegram },
    locks,
    payableQr: createPayableQrService({ db }),
  });

  /** One person's chat: send content, get the replies. */
  function chat(chatId: string, opts: { channel?: ChannelName; senderPhone?: string; handler?: typeof engine } = {}) {
    const send = async (content: InboundContent, messageId = `m${++messageSeq}`) =>
      (opts.handler ?? engine).handle({
        channel: opts.channel ?? 'telegram',
        chatId,
        messageId,
        senderPhone: opts.senderPhone,
        content,
      });
    return {
      send,
      text: (text: string, messageId?: string) => send({ kind: 'text', text }, messageId),
      option: (value: string) => send({ kind: 'option', value }),
      contact: (phone: string, isOwn = true) => send({ kind: 'contact', phone, isOwn }),
      photo: (path: string, caption: string) => send({ kind: 'photo', path, caption }),
    };
  }

  /** What the notify worker does: every queued notification through the delivery, marked with its result. */
  async function deliverQueued() {
    const rows = await db
      .selectFrom('notifications')
      .selectAll()
      .where('status', '=', 'queued')
      .orderBy('id')
      .execute();
    const results = [];
    for (const n of rows) {
      const r = await delivery.deliver({
        id: n.id,
        recipientPhone: n.recipient_phone,
        template: n.template,
        params: JSON.parse(n.params) as Record<string, string | number | null>,
        orderId: n.order_id,
      });
      await setNotificationStatus(
        db,
        n.id,
        r.status === 'sent'
          ? { status: 'sent', channel: r.channel, at: services.clock.now().toISOString() }
          : { status: 'unreachable', at: services.clock.now().toISOString() },
      );
      results.push({ template: n.template, phone: n.recipient_phone, result: r });
    }
    return results;
  }

  return { ...services, engine, makeEngine, telegram, delivery, chat, deliverQueued };
}

/** The text of the last reply, with its options as the numbered lines people see. */
export function lastText(replies: readonly OutboundMessage[]): string {
  const m = replies.at(-1);
  if (!m) return '';
  return [m.text, ...(m.options ?? []).map((o, i) => `${i + 1}. ${o.label}`)].join('\n');
}

export function optionValues(replies: readonly OutboundMessage[]): string[] {
  return (replies.at(-1)?.options ?? []).map((o) => o.value);
}
