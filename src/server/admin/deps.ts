import type { Queue } from 'bullmq';
import type { ConversationHandler } from '../../chat/ports.js';
import type { Logger } from '../../shared/logger.js';
import type { WebChatChannel } from '../web-chat/web-chat-channel.js';
import type { Services } from '../../app/services.js';

/** The WhatsApp gateway's session as the dashboard shows it; `qr` is the raw QR payload while pairing. */
export interface WhatsappStatus {
  state: string;
  qr: string | null;
}

/** Everything the admin side needs from the composition root. */
export interface AdminAppDeps {
  /** Every domain service, built once by the composition root (src/app/services.ts). */
  services: Services;
  /**
   * The server's secret (≥ 32 characters; Config.sessionSecret or one kept in DATA_DIR): keys the web chat's form
   * tokens (and, given to the services' login, the hashes of sign-in codes).
   */
  sessionSecret: string;
  /** BullMQ queues shown in Bull Board at /admin/queues. */
  queues?: readonly Queue[];
  /** Demo mode: the web chat is open to anyone (otherwise only to a signed-in admin). */
  demo?: boolean;
  /** The conversation engine (bots/flows); without it /chat says the chat is not available. */
  chat?: ConversationHandler;
  /** Outbound messages to web-chat users (also given to the notify delivery as the 'web' channel). */
  webChat?: WebChatChannel;
  whatsappStatus?: () => WhatsappStatus | null;
  logger?: Logger;
  /**
   * DATA_DIR/media: receipt photos shown on the review page are served only from inside it, and photos sent
   * from the web chat are saved there (without it the web chat takes none).
   */
  mediaDir?: string;
  /** Where shop invitation links point (issue 14); a channel without its name is shown as not set up. */
  invites?: { telegramUsername?: () => string | undefined; whatsappNumber?: string };
  /**
   * TRUST_PROXY: the server sits behind a TLS-terminating reverse proxy. Cookies are then always Secure, and
   * the client's address (for sign-in limits) is the last X-Forwarded-For entry, the one the proxy added.
   * Otherwise cookies are Secure on https requests and the address is the socket's.
   */
  trustProxy?: boolean;
}
