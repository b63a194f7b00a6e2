import { existsSync } from 'node:fs';
import { join } from 'node:path';
import wweb from 'whatsapp-web.js';

/** An attachment as whatsapp-web.js hands it over: base64 data and its MIME type. */
export interface WhatsAppMedia {
  mimetype: string;
  /** Base64-encoded bytes. */
  data: string;
}

/**
 * The subset of a whatsapp-web.js `Message` the adapter reads. `type` is the library's MessageTypes value
 * ('chat', 'image', 'sticker', 'ptt', 'audio', 'location', 'video', 'document', 'vcard', …).
 */
export interface WhatsAppMessagePort {
  id: { _serialized: string };
  /** The chat jid: `628…@c.us`, `…@lid`, `…@g.us` (a group) or `status@broadcast`. */
  from: string;
  body: string;
  type: string;
  fromMe: boolean;
  isStatus: boolean;
  hasMedia: boolean;
  /** vCards of a contact card; the body holds the same text for a single card. */
  vCards?: readonly string[];
  /** True when the person quoted a message (swiped to reply). */
  hasQuotedMsg?: boolean;
  /** The quoted message; its id is the one `sendMessage` gave when we sent it. */
  getQuotedMessage?(): Promise<{ id: { _serialized: string } } | undefined>;
  /** Resolves undefined when the media is no longer on the phone. */
  downloadMedia(): Promise<WhatsAppMedia | undefined>;
  getContact(): Promise<{ number: string | null }>;
}

/** The client events we listen to, with their listener shapes. */
export interface WhatsAppClientEvents {
  qr: (qr: string) => void;
  ready: () => void;
  authenticated: () => void;
  auth_failure: (message: string) => void;
  disconnected: (reason: string) => void;
  message: (message: WhatsAppMessagePort) => void;
}

export type WhatsAppEventName = keyof WhatsAppClientEvents;

/** An image (or a document, by its non-image type) to send: base64 bytes, their MIME type and a file name. */
export interface WhatsAppOutboundMedia extends WhatsAppMedia {
  filename: string;
}

/**
 * The outbound calls the channel and the adapter make: a plain text, or an image (or a document) with a caption. Each resolves
 * with the sent message's serialized id when the library gives one (a quote of it later names it).
 */
export interface WhatsAppSender {
  sendMessage(chatId: string, text: string): Promise<string | void>;
  sendImage(chatId: string, media: WhatsAppOutboundMedia, caption: string): Promise<string | void>;
}

/**
 * Maps a privacy id (`…@lid`) and a phone chat (`628…@c.us`) to each other, as far as WhatsApp tells:
 * from a phone the server usually gives the lid; from a lid the phone is often hidden. Either may be
 * missing in an answer.
 */
export interface WhatsAppLidResolver {
  getContactLidAndPhone(userIds: string[]): Promise<Array<{ lid?: string; pn?: string }>>;
}

/** Something that emits inbound messages: a client, or the session that outlives its clients. */
export interface WhatsAppMessageSource {
  on(event: 'message', listener: (message: WhatsAppMessagePort) => void): unknown;
}

/** The subset of a whatsapp-web.js `Client` we use, so that tests drive a fake with the same surface. */
export interface WhatsAppClientPort extends WhatsAppSender, WhatsAppLidResolver {
  on<E extends WhatsAppEventName>(event: E, listener: WhatsAppClientEvents[E]): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  getContactById(id: string): Promise<{ number: string | null }>;
}

export class ChromiumMissingError extends Error {
  constructor(readonly path: string) {
    super(
      `WhatsApp needs Chromium: none found at ${path}. Install Debian's chromium (apt-get install chromium) or set WHATSAPP_CHROMIUM_PATH.`,
    );
    this.name = 'ChromiumMissingError';
  }
}

/**
 * Builds a real whatsapp-web.js client. The login is kept under `<dataDir>/wwebjs-auth` so that a restart
 * does not ask for a new QR scan. Call once per connection attempt: a destroyed Client cannot be
 * initialised again (see whatsapp-session.ts).
 */
export function createWhatsAppWebClient(props: { dataDir: string; chromiumPath: string }): WhatsAppClientPort {
  // Checked here because puppeteer's own error for a missing browser does not say what to install.
  if (!existsSync(props.chromiumPath)) throw new ChromiumMissingError(props.chromiumPath);
  const { Client, LocalAuth } = wweb;
  const client = new Client({
    authStrategy: new LocalAuth({ dataPath: join(props.dataDir, 'wwebjs-auth') }),
    puppeteer: {
      executablePath: props.chromiumPath,
      headless: true,
      // --no-sandbox: gateways often run as root in containers; /dev/shm is tiny there too.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    },
  });
  return adaptClient(client);
}

/** A thin wrapper: the library's overloaded `on` and richer return types do not match the port as they are. */
function adaptClient(client: InstanceType<typeof wweb.Client>): WhatsAppClientPort {
  return {
    on(event, listener) {
      if (event === 'message') {
        const onMessage = listener as WhatsAppClientEvents['message'];
        // Typed so that a change to the library's Message that breaks the port fails to compile here.
        client.on('message', (message: wweb.Message) => onMessage(message));
      } else {
        client.on(event, listener as (...args: unknown[]) => void);
      }
      return this;
    },
    initialize: () => client.initialize(),
    destroy: () => client.destroy(),
    async sendMessage(chatId, text) {
      const sent = await client.sendMessage(chatId, text);
      return sent?.id?._serialized;
    },
    async sendImage(chatId, media, caption) {
      // Anything but an image (a kuitansi PDF) goes as a document, with its file name, not as a picture.
      const sendMediaAsDocument = !media.mimetype.startsWith('image/');
      const sent = await client.sendMessage(chatId, new wweb.MessageMedia(media.mimetype, media.data, media.filename), {
        caption,
        sendMediaAsDocument,
      });
      return sent?.id?._serialized;
    },
    async getContactById(id) {
      const contact = await client.getContactById(id);
      return { number: contact.number || null };
    },
    async getContactLidAndPhone(userIds) {
      const pairs = await client.getContactLidAndPhone(userIds);
      return pairs.map((p) => ({ lid: p.lid || undefined, pn: p.pn || undefined }));
    },
  };
}
