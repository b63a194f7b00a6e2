import { normalizePhone } from '../../src/shared/phone.js';
import type { IdentityService, LinkResult } from '../../src/people/identity.service.js';
import type { InboundMessage, OutboundMessage } from '../../src/chat/ports.js';
import { addressOf } from './greet.js';
import type { Texts } from './texts/index.js';

export type LinkAttempt =
  | { kind: 'linked'; phone: string; result: Extract<LinkResult, { kind: 'linked' }> }
  | { kind: 'reply'; message: OutboundMessage };

/**
 * A chat that is not linked yet. WhatsApp (and the web chat) give the sender's number, so the chat links
 * at once; Telegram only knows it when the person shares their own contact card.
 */
export async function tryLink(identity: IdentityService, t: Texts, m: InboundMessage): Promise<LinkAttempt> {
  const how = t.contactHow[m.channel];
  const ask = (text: string): LinkAttempt => ({
    kind: 'reply',
    message: { text: how ? `${text}\n\n${how}` : text, requestContact: { label: t.shareContactButton } },
  });
  let raw: string | undefined = m.senderPhone;
  if (!raw) {
    if (m.content.kind !== 'contact') return ask(t.welcome);
    if (!m.content.isOwn) return ask(t.notOwnContact);
    raw = m.content.phone;
  }
  const phone = normalizePhone(raw);
  if (!phone) return m.senderPhone ? { kind: 'reply', message: { text: t.unknownPhone } } : ask(t.badPhone);
  const result = await identity.link({ channel: m.channel, chatId: m.chatId, phone });
  if (result.kind === 'unknown') {
    // Asking again for a contact would not help someone whose number the platform already told us.
    return m.senderPhone ? { kind: 'reply', message: { text: t.unknownPhone } } : ask(t.unknownPhone);
  }
  return { kind: 'linked', phone, result };
}

/** The greeting after linking: by name, as buyer or as the shop's owner or helper. */
export function greeting(
  t: Texts,
  result: Extract<LinkResult, { kind: 'linked' }>,
  language: 'id' | 'en' = 'id',
): string {
  const { identity, side } = result;
  if (side.role === 'shop') {
    const s = identity.shops.find((x) => x.shopId === side.shopId);
    if (s) return t.linkedShop({ name: addressOf(s.contactName, language), role: s.role, shop: s.shopName });
  }
  return t.linkedBuyer({ name: addressOf(identity.buyer?.name ?? identity.shops[0]?.contactName ?? '', language) });
}
