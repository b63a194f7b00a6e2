import { randomBytes } from 'node:crypto';
import { createAdminSessionService, type AdminSessionService } from '../admin/admin-session.service.js';
import { createAuditLogService, type AuditLogService } from '../admin/audit-log.service.js';
import { createDirectoryService, type DirectoryService } from '../admin/directory.service.js';
import { createBuyerAdminService, type BuyerAdminService } from '../admin/buyer-admin.service.js';
import {
  createLoginService,
  type LoginCodeSender,
  type LoginLimits,
  type LoginService,
} from '../admin/login.service.js';
import { createShopAdminService, type ShopAdminService } from '../admin/shop-admin.service.js';
import { createStaffService, type StaffService } from '../admin/staff.service.js';
import { createTokenService, type TokenService } from '../admin/token.service.js';
import { createBroadcastService, type BroadcastService } from '../broadcasts/broadcast.service.js';
import type { ChannelName } from '../chat/ports.js';
import { createWebChatAdmission, type WebChatAdmission } from '../chat/web-chat-admission.service.js';
import type { Db } from '../db/database.js';
import { createUploadPlanner } from '../imports/upload-planner.js';
import { createUploadService, type UploadService } from '../imports/upload.service.js';
import { createLedgerReadService, type LedgerReadService } from '../ledger/ledger-read.service.js';
import { createOpenOrdersReport, type OpenOrdersReportService } from '../orders/open-orders.js';
import { createOrderService, type OrderService, type OrderServiceDeps } from '../orders/order.service.js';
import { createReviewService, type ReviewService } from '../orders/review.service.js';
import { createPayableQrService, type PayableQrService } from '../payments/payable-qr.service.js';
import { createShopQrisService, type ShopQrisService } from '../payments/shop-qris.service.js';
import { createIdentityService, type IdentityService } from '../people/identity.service.js';
import { createQuotaRuleService, type QuotaRuleService } from '../people/quota-rule.service.js';
import { createQuotaService, type QuotaService } from '../people/quota.service.js';
import { createReceiptService, type ReceiptService } from '../receipts/index.js';
import { createExportRunner, createReportService, type ExportRunner, type ReportService } from '../reports/index.js';
import { createSettingsService, type SettingsService } from '../settings/settings.service.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { RateLimiterFactory } from '../shared/rate-limit.js';
import { createCatalogService, type CatalogService } from '../shops/catalog.service.js';
import { createListingService, type ListingService } from '../shops/listing.service.js';
import { createShopHoursService, type ShopHoursService } from '../shops/shop-hours.service.js';
import { createShopInviteService, type ShopInviteService } from '../shops/shop-invite.service.js';

/** What the services are built from: one database and one clock, and the few knobs of the deployment. */
export interface ServicesDeps {
  db: Db;
  clock: Clock;
  /** The order service's outbox poke and fault injection (core.ts ties the first to its dispatcher). */
  orders?: Pick<OrderServiceDeps, 'onOutbox' | 'faults' | 'orderCode'>;
  /**
   * The channels some process runs now (Core.liveChannels): the listing and the invitations leave out shops
   * nobody can answer for. Without it any linked chat counts.
   */
  liveChannels?: () => Promise<ReadonlySet<ChannelName> | null>;
  /** Broadcasts: the channels enabled in the deployment and the heartbeat's reader (broadcast.service.ts). */
  broadcasts?: {
    channels?: readonly ChannelName[];
    liveChannels?: () => Promise<ReadonlySet<ChannelName>>;
  };
  /**
   * Dashboard sign-in. `secret` keys the hashes of sign-in codes (the server's secret); without one, a random
   * secret of this process (no code can be sent then anyway). `send` delivers a code to an admin's chat.
   */
  login?: { secret?: string; send?: LoginCodeSender; limits?: Partial<LoginLimits>; logger?: Logger };
  /** A dashboard session ends after this long without a request; default 8 hours. */
  sessionIdleMs?: number;
  /** New web chats one address may start per window (web-chat-admission.service.ts). */
  newWebChatLimit?: { max: number; windowMs: number };
  /** Where rate limits count: this process's memory by default; Redis in the server (src/main.ts). */
  rateLimiters?: RateLimiterFactory;
}

/** Every domain service, built once over one database; the server, the CLI, the bots and the workers share them. */
export interface Services {
  clock: Clock;
  settings: SettingsService;
  orders: OrderService;
  broadcasts: BroadcastService;
  identity: IdentityService;
  listing: ListingService;
  catalog: CatalogService;
  quota: QuotaService;
  /** The shop's QRIS (registration by its owner) and the payable QR of an order. */
  qris: ShopQrisService;
  payQr: PayableQrService;
  /** When each shop is open (issue 14). */
  shopHours: ShopHoursService;
  /** Invitations for shops nobody can answer for (issue 14). */
  invites: ShopInviteService;
  tokens: TokenService;
  sessions: AdminSessionService;
  login: LoginService;
  /** The people of the city office who may sign in. */
  staff: StaffService;
  shops: ShopAdminService;
  buyers: BuyerAdminService;
  reports: ReportService;
  /** Exports in worker threads, a few at a time (src/reports/export-runner.ts). */
  exports: ExportRunner;
  /** Kuitansi of completed orders as PDF. */
  receipts: ReceiptService;
  review: ReviewService;
  quotaRules: QuotaRuleService;
  /** Roster and shop uploads: dry run in a worker thread, then confirm (src/imports). */
  uploads: UploadService;
  /** New web chats per address (issue 19, item 5). */
  webChatAdmission: WebChatAdmission;
  /** The admin's lists: roster, shops, products, form choices, and the OPD scope checks. */
  directory: DirectoryService;
  auditLog: AuditLogService;
  /** Balances by account and the ledger's verify. */
  ledger: LedgerReadService;
  /** A month's orders still open (issue 14). */
  openOrders: OpenOrdersReportService;
}

/**
 * Builds every domain service once. Nothing starts here: the export and upload runners start their worker
 * threads on first use, so a process that never serves them pays nothing.
 */
export function buildServices(deps: ServicesDeps): Services {
  const { db, clock } = deps;
  const settings = createSettingsService({ db, clock });
  const login = deps.login ?? {};
  return {
    clock,
    settings,
    orders: createOrderService({ db, clock, settings, ...deps.orders }),
    broadcasts: createBroadcastService({
      db,
      clock,
      settings,
      channels: deps.broadcasts?.channels,
      liveChannels: deps.broadcasts?.liveChannels,
    }),
    identity: createIdentityService({ db, clock }),
    listing: createListingService({ db, clock, settings, liveChannels: deps.liveChannels }),
    catalog: createCatalogService({ db, clock }),
    quota: createQuotaService({ db, clock }),
    qris: createShopQrisService({ db, clock }),
    payQr: createPayableQrService({ db }),
    shopHours: createShopHoursService({ db, clock, settings }),
    invites: createShopInviteService({ db, clock, liveChannels: deps.liveChannels }),
    tokens: createTokenService({ db, clock }),
    sessions: createAdminSessionService({ db, clock, idleMs: deps.sessionIdleMs }),
    login: createLoginService({
      db,
      clock,
      secret: login.secret ?? randomBytes(32).toString('hex'),
      limits: login.limits,
      logger: login.logger,
      send: login.send ?? (async () => false),
    }),
    staff: createStaffService({ db, clock }),
    shops: createShopAdminService({ db, clock }),
    buyers: createBuyerAdminService({ db, clock }),
    reports: createReportService({ db, settings, clock }),
    exports: createExportRunner({ db }),
    receipts: createReceiptService({ db }),
    review: createReviewService({ db }),
    quotaRules: createQuotaRuleService({ db, clock }),
    uploads: createUploadService({ db, clock, planner: createUploadPlanner({ db }) }),
    webChatAdmission: createWebChatAdmission({
      db,
      clock,
      limit: deps.newWebChatLimit,
      limiters: deps.rateLimiters,
    }),
    directory: createDirectoryService({ db, settings }),
    auditLog: createAuditLogService({ db }),
    ledger: createLedgerReadService({ db }),
    openOrders: createOpenOrdersReport({ db, clock }),
  };
}
