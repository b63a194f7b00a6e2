export { createTelegram, type Telegram, type TelegramOptions } from './telegram.js';
export { DEFAULT_API_ROOT, apiRootOf } from './api-root.js';
export { ALLOWED_UPDATES, createTelegramBot, type TelegramBotDeps } from './telegram-bot.js';
export { createTelegramChannel, type TelegramChannelDeps } from './telegram-channel.js';
export { TelegramSendError, toSendError, type TelegramSendErrorKind } from './telegram-send-error.js';
export { WEBHOOK_PATH, createTelegramWebhook, type TelegramWebhookDeps } from './telegram-webhook.js';
export { MAX_CALLBACK_BYTES, renderOutbound, splitText, type TelegramSend } from './render-outbound.js';
export { translateUpdate, type PendingContent, type Translation } from './update-translator.js';
export type { TelegramLogger } from './telegram-logger.js';
