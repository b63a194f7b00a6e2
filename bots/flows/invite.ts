import type { ChatLink, ChatSide, LinkResult } from '../../src/people/identity.service.js';
import { inviteParamIn } from '../../src/shops/shop-invite.service.js';
import { normalizePhone } from '../../src/shared/phone.js';
import type { FlowServices } from './context.js';
import { addressOf } from './greet.js';
import type { InboundMessage, OutboundMessage } from '../../src/chat/ports.js';
import type { State } from './session.js';
import type { Language, Texts } from './texts/index.js';

/** What a shop's invitation does with a message: nothing, a reply (the chat's step given), or a linked chat. */
export type InviteStep =
  | { kind: 'none' }
  | { kind: 'reply'; message: OutboundMessage; state: State | null }
  | { kind: 'linked'; phone: string; side: ChatSide; note: string };

type Invited = { shopId: number; shopName: string };

/**
 * A chat opened with a shop's invitation (issue 14): Telegram's `/start <param>`, or a WhatsApp or web chat
 * message holding the parameter. The shop is greeted by name and linked as that shop's contact, only when
 * the phone is one of its recorded contacts (the rule is the identity service's linkAsShopContact); a phone
 * that is not gets a kind answer saying whom to ask, and a forged or old parameter links nothing.
 */
export async function byInvite(p: {
  services: FlowServices;
  t: Texts;
  language: Language;
  m: InboundMessage;
  link: ChatLink | undefined;
  state: State | null;
}): Promise<InviteStep> {
  const { services, t, m, link } = p;
  const param = m.startParam ?? (m.content.kind === 'text' ? inviteParamIn(m.content.text) : null);
  const pending = !link && p.state?.step === 'link' ? p.state.invite : undefined;
  if (param === null && !pending) return { kind: 'none' };

  // A linked chat keeps its step when nothing links; an unlinked one stays at linking, without the invitation.
  const stay = (message: OutboundMessage): InviteStep => ({
    kind: 'reply',
    message,
    state: link ? null : { step: 'link' },
  });
  let shop: Invited | undefined = pending;
  if (param !== null) {
    shop = await services.invites.resolve(param);
    if (!shop) return stay({ text: t.inviteInvalid });
  }
  const invited = shop!;

  // The number: the chat's own when linked, the platform's (WhatsApp, web chat), or the person's own contact card.
  const how = t.contactHow[m.channel];
  const ask = (text: string): InviteStep => ({
    kind: 'reply',
    message: { text: how ? `${text}\n\n${how}` : text, requestContact: { label: t.shareContactButton } },
    state: { step: 'link', invite: invited },
  });
  let raw = link?.phone ?? m.senderPhone;
  if (!raw) {
    if (m.content.kind !== 'contact') return ask(t.inviteWelcome({ shop: invited.shopName }));
    if (!m.content.isOwn) return ask(t.notOwnContact);
    raw = m.content.phone;
  }
  const phone = normalizePhone(raw);
  if (!phone) return stay({ text: t.inviteWrongPhone({ phone: raw, shop: invited.shopName }) });
  const r = await services.identity.linkAsShopContact({
    channel: m.channel,
    chatId: m.chatId,
    phone,
    shopId: invited.shopId,
  });
  if (r.kind === 'not_contact') return stay({ text: t.inviteWrongPhone({ phone, shop: invited.shopName }) });
  return { kind: 'linked', phone, side: r.side, note: linkedNote(t, r, invited, p.language) };
}

function linkedNote(t: Texts, r: Extract<LinkResult, { kind: 'linked' }>, shop: Invited, language: Language): string {
  const contact = r.identity.shops.find((s) => s.shopId === shop.shopId);
  return t.inviteLinked({ name: addressOf(contact?.contactName ?? '', language), shop: shop.shopName });
}
