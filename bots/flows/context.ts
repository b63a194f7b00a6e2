import type { ConversationService } from '../../src/chat/conversation.service.js';
import type { OrderReadService } from '../../src/orders/order-reads.service.js';
import type { BuyerLookupService } from '../../src/people/buyer-lookup.service.js';
import type { ShopLookupService } from '../../src/shops/shop-lookup.service.js';
import type { ShopHoursService } from '../../src/shops/shop-hours.service.js';
import type { ShopInviteService } from '../../src/shops/shop-invite.service.js';
import type { OrderService } from '../../src/orders/order.service.js';
import type { IdentityService, ChatSide, BuyerIdentity } from '../../src/people/identity.service.js';
import type { QuotaService } from '../../src/people/quota.service.js';
import type { CatalogService } from '../../src/shops/catalog.service.js';
import type { ListingService } from '../../src/shops/listing.service.js';
import type { PayableQrService } from '../../src/payments/payable-qr.service.js';
import type { ShopQrisService } from '../../src/payments/shop-qris.service.js';
import type { Clock } from '../../src/shared/clock.js';
import type { ChannelName, OutboundMessage, OutboundOption } from '../../src/chat/ports.js';
import type { Session, State } from './session.js';
import type { Language, Texts } from './texts/index.js';

/** The domain services the flows call. Rules live there; the flows only ask and phrase the answers. */
export interface FlowServices {
  clock: Clock;
  orders: OrderService;
  /** Order lists and lines, the last delivery address, orders awaiting payment. */
  orderReads: OrderReadService;
  shopLookup: ShopLookupService;
  buyerLookup: BuyerLookupService;
  /** The chat's notices (a reply quoting one answers its order). */
  conversations: Pick<ConversationService, 'findNoticeMessage'>;
  identity: IdentityService;
  listing: ListingService;
  catalog: CatalogService;
  quota: QuotaService;
  /** The shop's QRIS (registration by its owner) and the payable QR of an order. */
  qris: ShopQrisService;
  payQr: PayableQrService;
  /** Issue 14: when the shop is open ("tutup", "buka", "libur tanggal 17", opening hours). */
  shopHours: ShopHoursService;
  /** Issue 14: which shop an invitation's start parameter names. */
  invites: Pick<ShopInviteService, 'resolve'>;
}

/** One message being handled: who sent it, in which language, and the chat's session (mutable). */
export interface FlowContext {
  services: FlowServices;
  t: Texts;
  language: Language;
  channel: ChannelName;
  chatId: string;
  /** The platform's id of the message being handled (see InboundMessage.messageId). */
  messageId: string;
  phone: string;
  side: ChatSide;
  session: Session;
  /** Messages sent before the reply (a payable QR image before the order's detail). */
  before: OutboundMessage[];
  /** The sender as a buyer, if the phone is on the roster (looked up once per message). */
  buyer(): Promise<BuyerIdentity | undefined>;
  /** The shop this chat acts for: the chosen side, else the only shop the phone is a contact of. */
  shopId(): Promise<number | undefined>;
  setLanguage(language: Language): void;
  setSide(side: ChatSide): void;
}

/** What a step shows: its text, its options, and what a typed yes/no means there. */
export interface Prompt {
  text: string;
  options: OutboundOption[];
  yesNo?: [yes: string, no: string];
}

/** Where a handled input leads, with short notes shown above the next step's prompt. */
export interface Outcome {
  next: State;
  notes: string[];
}

export const go = (next: State, ...notes: string[]): Outcome => ({ next, notes });

export const opt = (label: string, value: string): OutboundOption => ({ label, value });

export function homeOf(side: ChatSide): State {
  switch (side.role) {
    case 'buyer':
      return { step: 'buyer_menu' };
    case 'shop':
      return { step: 'shop_menu' };
    case null:
      return { step: 'role' };
  }
}
