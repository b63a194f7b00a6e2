export { ledger, type HoldBatch, type HoldLimits, type HoldRequest, type VerifyReport } from './ledger.service.js';
export { OrderRefusedError, type RefusalReason } from './ledger.errors.js';
export { buyerAccount, shopAccount, type Balance } from './ledger.repository.js';
export type { EntryKind } from './ledger.table.js';
