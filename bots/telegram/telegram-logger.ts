/**
 * The logging the Telegram adapter does; a pino Logger fits. Fields never carry message texts, phones or
 * callback data: only kinds, update ids and Telegram's error descriptions.
 */
export interface TelegramLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
