export { chatIdToPhone, numberToPhone, phoneToChatId, toChatId } from './chat-id.js';
export { createMemoryLastSeen, createRedisLastSeen, type LastSeenStore } from './last-seen.js';
export { saveMedia } from './media-store.js';
export { phoneFromVCard } from './vcard.js';
export {
  APOLOGY_TEXT,
  createWhatsAppAdapter,
  type WhatsAppAdapter,
  type WhatsAppAdapterDeps,
} from './whatsapp-adapter.js';
export {
  DEFAULT_PROACTIVE_WINDOW_MS,
  ProactiveNotAllowedError,
  WhatsAppSendError,
  createWhatsAppChannel,
  type WhatsAppChannelDeps,
} from './whatsapp-channel.js';
export {
  ChromiumMissingError,
  createWhatsAppWebClient,
  type WhatsAppClientEvents,
  type WhatsAppClientPort,
  type WhatsAppEventName,
  type WhatsAppLidResolver,
  type WhatsAppMedia,
  type WhatsAppMessagePort,
  type WhatsAppMessageSource,
  type WhatsAppOutboundMedia,
  type WhatsAppSender,
} from './whatsapp-client.js';
export type { WhatsAppLogger } from './whatsapp-logger.js';
export {
  PacerStoppedError,
  createWhatsAppPacer,
  type PacerPriority,
  type PacerProps,
  type PacerStats,
  type WhatsAppPacer,
} from './whatsapp-pacer.js';
export {
  WhatsAppNotReadyError,
  createWhatsAppSession,
  type SessionTimers,
  type WhatsAppSession,
  type WhatsAppSessionDeps,
  type WhatsAppSessionState,
  type WhatsAppSessionStatus,
} from './whatsapp-session.js';
export {
  publishWhatsAppStatus,
  readWhatsAppStatus,
  watchWhatsAppStatus,
  type SharedWhatsAppStatus,
} from './status-store.js';
export { mediaOf, sendToWhatsApp } from './whatsapp-send.js';
