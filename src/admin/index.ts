export { ROLES, type ApiTokenTable, type Role } from './api-token.table.js';
export { STAFF_ROLES, type StaffRole, type AdminPeopleTables } from './admin-person.table.js';
export { createTokenService, hashToken, type TokenInfo, type TokenService } from './token.service.js';
export { personActor, type Principal } from './principal.js';
export { sameSecret } from './same-secret.js';
export { createAdminSessionService, type AdminSessionService, type Session } from './admin-session.service.js';
export {
  createLoginService,
  CodeRefusedError,
  CODE_TTL_MS,
  DEFAULT_LOGIN_LIMITS,
  type LoginCodeSender,
  type LoginLimits,
  type LoginService,
} from './login.service.js';
export { createStaffService, addAdminInput, type AdminView, type StaffService } from './staff.service.js';
export {
  agencyScope,
  assertBuyerInScope,
  ownAgencyRows,
  requireCityAdmin,
  rosterScope,
  scopedBroadcasts,
} from './opd-scope.js';
export {
  createShopAdminService,
  capInput,
  contactInput,
  registerShopInput,
  type ShopAdminService,
} from './shop-admin.service.js';
export { createBuyerAdminService, buyerEditInput, type BuyerAdminService } from './buyer-admin.service.js';
export { listAudit } from './audit-log.repository.js';
export {
  demoIdentities,
  listAgencies,
  listBuyers,
  listProducts,
  listShops,
  shopWithContacts,
} from './directory.repository.js';
export { ConflictError, ForbiddenError, TooManyAttemptsError } from '../shared/domain-errors.js';
