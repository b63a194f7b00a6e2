/**
 * The logging the WhatsApp gateway does; a pino Logger fits. Log fields never carry message bodies, phones
 * or jids: a jid is a phone number.
 */
export interface WhatsAppLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
