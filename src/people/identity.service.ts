import type { Db } from '../db/database.js';
import type { ChatRole } from '../chat/chat.table.js';
import type { ChannelName } from '../chat/ports.js';
import { findChatLink, setChatRole, upsertChatLink } from '../chat/chat-link.repository.js';
import type { ContactRole } from '../shops/shop.table.js';
import type { Clock } from '../shared/clock.js';
import { activeBuyerByPhone, contactsOfPhone } from './identity.repository.js';
import { sendWaitingNotices } from '../notify/waiting-notices.js';

export interface BuyerIdentity {
  id: number;
  name: string;
}

export interface ShopIdentity {
  shopId: number;
  shopName: string;
  contactName: string;
  role: ContactRole;
}

/** Who a phone number is: an ASN from the roster, a contact of one or more shops, both, or nobody we know. */
export type PhoneIdentity = { kind: 'unknown' } | { kind: 'known'; buyer: BuyerIdentity | null; shops: ShopIdentity[] };

/** The chat's side: decided at link time when there is only one, chosen by the person otherwise. */
export type ChatSide = { role: 'buyer' } | { role: 'shop'; shopId: number } | { role: null };

export type LinkResult =
  { kind: 'unknown' } | { kind: 'linked'; identity: Extract<PhoneIdentity, { kind: 'known' }>; side: ChatSide };

export interface ChatLink {
  phone: string;
  side: ChatSide;
}

export interface IdentityService {
  lookup(phone: string): Promise<PhoneIdentity>;
  /** Links the chat to the phone when the phone is on the roster or a shop contact; unknown numbers are not linked. */
  link(p: { channel: ChannelName; chatId: string; phone: string }): Promise<LinkResult>;
  /**
   * Links the chat as a contact of one shop: the rule behind a shop's invitation. Only a phone recorded as a
   * contact of that shop (owner or helper) may; the invitation itself proves nothing, the phone does
   * (Telegram: the person's own contact card; WhatsApp: the number WhatsApp gives). Nothing changes otherwise.
   */
  linkAsShopContact(p: {
    channel: ChannelName;
    chatId: string;
    phone: string;
    shopId: number;
  }): Promise<Extract<LinkResult, { kind: 'linked' }> | { kind: 'not_contact' }>;
  linkOf(channel: ChannelName, chatId: string): Promise<ChatLink | undefined>;
  /** Remembers the side of a person who is both; false when the phone may not take that side. */
  chooseSide(p: {
    channel: ChannelName;
    chatId: string;
    phone: string;
    side: Exclude<ChatSide, { role: null }>;
  }): Promise<boolean>;
  /** The phone's contact entry at the shop, if any: the check behind every shop action. */
  shopContact(phone: string, shopId: number): Promise<ShopIdentity | undefined>;
  buyerOf(phone: string): Promise<BuyerIdentity | undefined>;
}

function sideOf(role: ChatRole | null, shopId: number | null): ChatSide {
  if (role === 'buyer') return { role: 'buyer' };
  if (role === 'shop' && shopId !== null) return { role: 'shop', shopId };
  return { role: null };
}

export function createIdentityService(deps: { db: Db; clock: Clock }): IdentityService {
  const { db, clock } = deps;

  async function lookup(phone: string): Promise<PhoneIdentity> {
    const [buyer, contacts] = await Promise.all([activeBuyerByPhone(db, phone), contactsOfPhone(db, phone)]);
    if (!buyer && contacts.length === 0) return { kind: 'unknown' };
    return {
      kind: 'known',
      buyer: buyer ? { id: buyer.id, name: buyer.name } : null,
      shops: contacts.map((c) => ({
        shopId: c.shop_id,
        shopName: c.shop_name,
        contactName: c.contact_name,
        role: c.role,
      })),
    };
  }

  return {
    lookup,

    async link(p) {
      const identity = await lookup(p.phone);
      if (identity.kind === 'unknown') return identity;
      const only = identity.shops.length === 1 ? identity.shops[0] : undefined;
      const side: ChatSide =
        identity.buyer && identity.shops.length === 0
          ? { role: 'buyer' }
          : !identity.buyer && only
            ? { role: 'shop', shopId: only.shopId }
            : { role: null };
      const role = side.role;
      const shopId = side.role === 'shop' ? side.shopId : null;
      const now = clock.now();
      await upsertChatLink(db, {
        channel: p.channel,
        chatId: p.chatId,
        phone: p.phone,
        role,
        shopId,
        at: now.toISOString(),
      });
      // What waited for this person while they had no chat (a shop's first orders) goes out now.
      await sendWaitingNotices(db, { phone: p.phone, now });
      return { kind: 'linked', identity, side };
    },

    async linkAsShopContact(p) {
      const identity = await lookup(p.phone);
      if (identity.kind === 'unknown' || !identity.shops.some((s) => s.shopId === p.shopId))
        return { kind: 'not_contact' };
      const now = clock.now();
      await upsertChatLink(db, {
        channel: p.channel,
        chatId: p.chatId,
        phone: p.phone,
        role: 'shop',
        shopId: p.shopId,
        at: now.toISOString(),
      });
      // The shop is reachable now: what waited for this person (its first orders) goes out.
      await sendWaitingNotices(db, { phone: p.phone, now });
      return { kind: 'linked', identity, side: { role: 'shop', shopId: p.shopId } };
    },

    async linkOf(channel, chatId) {
      const row = await findChatLink(db, channel, chatId);
      return row ? { phone: row.phone, side: sideOf(row.role, row.shop_id) } : undefined;
    },

    async chooseSide(p) {
      const identity = await lookup(p.phone);
      if (identity.kind === 'unknown') return false;
      const side = p.side;
      const shopId = side.role === 'shop' ? side.shopId : null;
      const allowed = side.role === 'buyer' ? identity.buyer !== null : identity.shops.some((s) => s.shopId === shopId);
      if (!allowed) return false;
      await setChatRole(db, p.channel, p.chatId, side.role, shopId);
      return true;
    },

    async shopContact(phone, shopId) {
      const identity = await lookup(phone);
      return identity.kind === 'known' ? identity.shops.find((s) => s.shopId === shopId) : undefined;
    },

    async buyerOf(phone) {
      const b = await activeBuyerByPhone(db, phone);
      return b ? { id: b.id, name: b.name } : undefined;
    },
  };
}
