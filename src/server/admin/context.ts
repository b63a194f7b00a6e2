import type {
  AdminSessionService,
  BuyerAdminService,
  LoginService,
  Principal,
  Session,
  ShopAdminService,
  StaffService,
  TokenService,
} from '../../admin/index.js';
import type { BroadcastService } from '../../broadcasts/broadcast.service.js';
import type { ExportRunner, ReportService } from '../../reports/index.js';
import type { OrderService } from '../../orders/order.service.js';
import type { ReviewService } from '../../orders/review.service.js';
import type { QuotaRuleService } from '../../people/quota-rule.service.js';
import type { ReceiptService } from '../../receipts/index.js';
import type { UploadService } from '../../imports/upload.service.js';
import type { AdminAppDeps } from './deps.js';
import type { ShopInviteService } from '../../shops/shop-invite.service.js';
import type { WebChatAdmission } from '../../chat/web-chat-admission.service.js';

/** Services built once per app from the deps; routes reach them through the context. */
export interface AdminServices {
  deps: AdminAppDeps;
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
  broadcasts: BroadcastService;
  orders: OrderService;
  review: ReviewService;
  quotaRules: QuotaRuleService;
  /** Invitations for shops nobody can answer for (issue 14). */
  invites: ShopInviteService;
  /** Roster and shop uploads: dry run in a worker thread, then confirm (src/imports). */
  uploads: UploadService;
  /** New web chats per address (issue 19, item 5). */
  webChatAdmission: WebChatAdmission;
}

export type AdminEnv = {
  Variables: {
    services: AdminServices;
    principal: Principal;
    /** Set for cookie (dashboard) requests. */
    session: Session;
  };
};
