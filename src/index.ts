/**
 * The library entry of peken: what other code may import without starting anything. The service itself
 * starts from src/main.ts; the operator CLI from src/cli/main.ts.
 */
export { parsePosting, parseReply } from './language/index.js';
export type {
  ChoiceAnswer,
  PostedItem,
  PostingResult,
  ReplyAnswer,
  ReplyKind,
  Unit,
  YesNoAnswer,
} from './language/index.js';
export { parseQris, qrisWithAmount, QrisError } from './payments/index.js';
export type { Qris, QrisParse, QrisRefusal } from './payments/index.js';
export { formatRupiah } from './shared/money.js';
export { periodOf, periodStart, periodEnd, daysLeft, type Period } from './shared/period.js';
export { normalizePhone, maskPhone } from './shared/phone.js';
export { isValidNip, isValidNik } from './shared/identity.js';
