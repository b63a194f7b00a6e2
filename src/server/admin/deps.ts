import type { BroadcastService } from '../../broadcasts/broadcast.service.js';
import type { Queue } from 'bullmq';
import type { ConversationHandler } from '../../../bots/flows/ports.js';
import type { LoginCodeSender, LoginLimits } from '../../admin/login.service.js';
import type { Db } from '../../db/database.js';
import type { OrderService } from '../../orders/order.service.js';
import type { SettingsService } from '../../settings/settings.service.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { WebChatChannel } from '../web-chat/web-chat-channel.js';
import type { ChatChannelName } from '../../chat/chat.table.js';

/** The WhatsApp gateway's session as the dashboard shows it; `qr` is the raw QR payload while pairing. */
export interface WhatsappStatus {
  state: string;
  qr: string | null;
}

/** Everything the admin side needs from the composition root. */
export interface AdminAppDeps {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  /**
   * The server's secret (≥ 32 characters; Config.sessionSecret or one kept in DATA_DIR): keys the hashes of
   * sign-in codes and the web chat's form tokens.
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
  /** The core's broadcast service (it knows the deployment's channels); default: one over `db`. */
  broadcasts?: BroadcastService;
  logger?: Logger;
  /** The core's order service (admins resolve orders on the review list); default: one over `db`. */
  orders?: OrderService;
  /**
   * DATA_DIR/media: receipt photos shown on the review page are served only from inside it, and photos sent
   * from the web chat are saved there (without it the web chat takes none).
   */
  mediaDir?: string;
  /** The channels some process runs (Core.liveChannels): which shops nobody can answer for, as the listing decides it. */
  liveChannels?: () => Promise<ReadonlySet<ChatChannelName> | null>;
  /** Where shop invitation links point (issue 14); a channel without its name is shown as not set up. */
  invites?: { telegramUsername?: () => string | undefined; whatsappNumber?: string };
  /** A dashboard session ends after this long without a request; default 8 hours. */
  sessionIdleMs?: number;
  /** Sign-in limits per phone and per address (src/admin/login.service.ts has the defaults). */
  loginLimits?: Partial<LoginLimits>;
  /**
   * TRUST_PROXY: the server sits behind a TLS-terminating reverse proxy. Cookies are then always Secure, and
   * the client's address (for sign-in limits) is the last X-Forwarded-For entry, the one the proxy added.
   * Otherwise cookies are Secure on https requests and the address is the socket's.
   */
  trustProxy?: boolean;
  /** New web chats (new chat ids) one address may start per window; default 30 an hour (web-chat-admission.service.ts). */
  newWebChatLimit?: { max: number; windowMs: number };
  /** Sends a sign-in code to an admin's chat (main.ts: through the chat delivery); without it no code can arrive. */
  sendLoginCode?: LoginCodeSender;
}
