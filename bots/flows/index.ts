export { createConversationEngine, type ConversationEngineDeps } from './engine.js';
export {
  createNotificationDelivery,
  type NotificationDelivery,
  type NotificationDeliveryDeps,
  type NotificationSendResult,
  type NotificationToSend,
} from './notification-delivery.js';
export { createChatLocks, type ChatLocks } from './chat-locks.js';
export { catalogs, en, id, textsFor, LANGUAGES, type Language, type Texts } from './texts/index.js';
