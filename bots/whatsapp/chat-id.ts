/**
 * WhatsApp jids and E.164 phones. A person's chat is `<digits>@c.us`; newer accounts may write from a
 * privacy id `<digits>@lid`, whose digits are not a phone number.
 */

const PHONE_DIGITS = /^\d{8,15}$/;

/** `+6281234567890` → `6281234567890@c.us`. Throws on anything that is not an E.164 phone. */
export function phoneToChatId(phone: string): string {
  const digits = phone.startsWith('+') ? phone.slice(1) : phone;
  if (!PHONE_DIGITS.test(digits)) throw new Error(`Not an E.164 phone number: ${phone.slice(0, 4)}…`);
  return `${digits}@c.us`;
}

/** `6281234567890@c.us` → `+6281234567890`; null for groups, @lid ids, broadcasts and anything else. */
export function chatIdToPhone(chatId: string): string | null {
  const m = /^(\d+)@c\.us$/.exec(chatId);
  return m && PHONE_DIGITS.test(m[1]!) ? `+${m[1]}` : null;
}

/** A bare number from a contact or a vCard (`+62 812-3456-7890`, `0812…`) → E.164, or null. */
export function numberToPhone(number: string | null | undefined): string | null {
  if (!number) return null;
  const digits = number.replace(/[\s\-().]/g, '');
  if (/^\+\d+$/.test(digits)) return PHONE_DIGITS.test(digits.slice(1)) ? digits : null;
  if (!/^\d+$/.test(digits)) return null;
  // A local Indonesian number in a contact card: 0812… is +62812….
  if (digits.startsWith('0')) return PHONE_DIGITS.test(`62${digits.slice(1)}`) ? `+62${digits.slice(1)}` : null;
  return PHONE_DIGITS.test(digits) ? `+${digits}` : null;
}

/** Accepts a jid as it is, or a phone (`+628…`) as its `@c.us` chat. */
export function toChatId(chatIdOrPhone: string): string {
  return chatIdOrPhone.includes('@') ? chatIdOrPhone : phoneToChatId(chatIdOrPhone);
}

export const isGroupChat = (chatId: string): boolean => chatId.endsWith('@g.us');
export const isStatusBroadcast = (chatId: string): boolean => chatId === 'status@broadcast';
export const isLidChat = (chatId: string): boolean => chatId.endsWith('@lid');
