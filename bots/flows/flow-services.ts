import { createConversationService } from '../../src/chat/conversation.service.js';
import type { Db } from '../../src/db/database.js';
import { createOrderReadService } from '../../src/orders/order-reads.service.js';
import { createBuyerLookupService } from '../../src/people/buyer-lookup.service.js';
import { createShopLookupService } from '../../src/shops/shop-lookup.service.js';
import type { OrderService } from '../../src/orders/order.service.js';
import { createIdentityService } from '../../src/people/identity.service.js';
import { createQuotaService } from '../../src/people/quota.service.js';
import { createPayableQrService } from '../../src/payments/payable-qr.service.js';
import { createShopQrisService } from '../../src/payments/shop-qris.service.js';
import type { SettingsService } from '../../src/settings/settings.service.js';
import type { Clock } from '../../src/shared/clock.js';
import { createCatalogService } from '../../src/shops/catalog.service.js';
import { createShopHoursService } from '../../src/shops/shop-hours.service.js';
import { createShopInviteService } from '../../src/shops/shop-invite.service.js';
import { createListingService } from '../../src/shops/listing.service.js';
import type { FlowServices } from './context.js';
import type { ChannelName } from '../../src/chat/ports.js';

/** The domain services over one database, as the flows need them. */
export function buildFlowServices(deps: {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  orders: OrderService;
  liveChannels?: () => Promise<ReadonlySet<ChannelName> | null>;
}): FlowServices {
  const { db, clock, settings, orders } = deps;
  return {
    clock,
    orders,
    orderReads: createOrderReadService({ db }),
    shopLookup: createShopLookupService({ db }),
    buyerLookup: createBuyerLookupService({ db }),
    conversations: createConversationService({ db }),
    identity: createIdentityService({ db, clock }),
    listing: createListingService({ db, clock, settings, liveChannels: deps.liveChannels }),
    catalog: createCatalogService({ db, clock }),
    quota: createQuotaService({ db, clock }),
    qris: createShopQrisService({ db, clock }),
    payQr: createPayableQrService({ db }),
    shopHours: createShopHoursService({ db, clock, settings }),
    invites: createShopInviteService({ db, clock }),
  };
}
