export { ROLES, type ApiTokenTable, type Role } from './api-token.table.js';
export { createTokenService, hashToken, type Principal, type TokenInfo, type TokenService } from './token.service.js';
export { createSessionCodec, sameSecret, type Session, type SessionCodec } from './session.js';
export { createRateLimiter, type RateLimiter } from './rate-limit.js';
export { createShopAdminService, capInput, contactInput, registerShopInput, type ShopAdminService } from './shop-admin.service.js';
export { createBuyerAdminService, buyerEditInput, type BuyerAdminService } from './buyer-admin.service.js';
export { listAudit } from './audit-log.repository.js';
export { demoIdentities, listAgencies, listBuyers, listProducts, listShops, shopWithContacts } from './directory.repository.js';
export { ConflictError } from './admin.errors.js';
