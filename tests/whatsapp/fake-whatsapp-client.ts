import { EventEmitter } from 'node:events';
import type {
  WhatsAppClientEvents,
  WhatsAppClientPort,
  WhatsAppMedia,
  WhatsAppMessagePort,
  WhatsAppOutboundMedia,
} from '../../bots/whatsapp/index.js';

export interface RecordedSend {
  chatId: string;
  /** The text, or the caption of an image. */
  text: string;
  /** The serialized id WhatsApp gave the sent message (what a quote of it names). */
  id: string;
  /** An image sent as a media message (MessageMedia), with its bytes. */
  image?: { mimetype: string; filename: string; bytes: Buffer };
  /** performance.now() when the send started and when it finished. */
  startedAt: number;
  endedAt: number;
}

/**
 * A stand-in for a whatsapp-web.js Client with the same event surface: tests `emit('qr' | 'ready' |
 * 'disconnected' | 'message', …)` as the library would, and every send is recorded with its timing.
 */
export class FakeWhatsAppClient extends EventEmitter implements WhatsAppClientPort {
  readonly sends: RecordedSend[] = [];
  readonly contacts = new Map<string, string | null>();
  initialized = 0;
  destroyed = 0;
  /** How long each send takes, so that overlapping sends would show. */
  sendDelayMs = 0;
  /** Makes initialize() reject, as a Chromium that fails to start does. */
  initializeError: Error | null = null;
  sendError: Error | null = null;

  override on<E extends keyof WhatsAppClientEvents>(event: E, listener: WhatsAppClientEvents[E]): this {
    return super.on(event, listener as (...args: unknown[]) => void);
  }

  async initialize(): Promise<void> {
    this.initialized++;
    if (this.initializeError) throw this.initializeError;
  }

  async destroy(): Promise<void> {
    this.destroyed++;
  }

  async sendMessage(chatId: string, text: string): Promise<string> {
    const startedAt = performance.now();
    if (this.sendDelayMs > 0) await new Promise((r) => setTimeout(r, this.sendDelayMs));
    if (this.sendError) throw this.sendError;
    // As whatsapp-web.js serializes our own messages: fromMe, the chat, a message key.
    const id = `true_${chatId}_3EB1${(++sentCounter).toString(16).padStart(8, '0')}`;
    this.sends.push({ chatId, text, id, startedAt, endedAt: performance.now() });
    return id;
  }

  /** As whatsapp-web.js's sendMessage(chatId, new MessageMedia(…), { caption }). */
  async sendImage(chatId: string, media: WhatsAppOutboundMedia, caption: string): Promise<string> {
    const startedAt = performance.now();
    if (this.sendDelayMs > 0) await new Promise((r) => setTimeout(r, this.sendDelayMs));
    if (this.sendError) throw this.sendError;
    const image = { mimetype: media.mimetype, filename: media.filename, bytes: Buffer.from(media.data, 'base64') };
    const id = `true_${chatId}_3EB1${(++sentCounter).toString(16).padStart(8, '0')}`;
    this.sends.push({ chatId, text: caption, id, image, startedAt, endedAt: performance.now() });
    return id;
  }

  async getContactById(id: string): Promise<{ number: string | null }> {
    return { number: this.contacts.get(id) ?? null };
  }

  /**
   * What WhatsApp's server tells about privacy ids: the phone behind a lid (`…@lid` → `628…@c.us`), often
   * hidden, and the lid of a phone (`628…@c.us` → `…@lid`), usually known.
   */
  readonly lidToPhone = new Map<string, string>();
  readonly phoneToLid = new Map<string, string>();

  async getContactLidAndPhone(userIds: string[]): Promise<Array<{ lid?: string; pn?: string }>> {
    return userIds.map((id) =>
      id.endsWith('@lid') ? { lid: id, pn: this.lidToPhone.get(id) } : { lid: this.phoneToLid.get(id), pn: id },
    );
  }
}

let counter = 0;
let sentCounter = 0;

/** A message as whatsapp-web.js delivers it; override what the test is about. `quoted`: the id of the message it replies to. */
export function fakeMessage(
  overrides: Partial<Omit<WhatsAppMessagePort, 'downloadMedia' | 'getContact' | 'getQuotedMessage'>> & {
    media?: WhatsAppMedia;
    contactNumber?: string | null;
    quoted?: string;
  } = {},
): WhatsAppMessagePort {
  const { media, contactNumber, quoted, ...fields } = overrides;
  const from = fields.from ?? '6281234567890@c.us';
  counter++;
  return {
    id: { _serialized: `false_${from}_3EB0${counter.toString(16).padStart(8, '0')}` },
    from,
    body: '',
    type: 'chat',
    fromMe: false,
    isStatus: false,
    hasMedia: media !== undefined,
    hasQuotedMsg: quoted !== undefined,
    ...fields,
    getQuotedMessage: async () => (quoted === undefined ? undefined : { id: { _serialized: quoted } }),
    downloadMedia: async () => media,
    getContact: async () => ({ number: contactNumber === undefined ? from.split('@')[0]! : contactNumber }),
  };
}
