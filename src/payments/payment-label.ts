// The kuitansi (src/receipts) and the SPJ export (src/reports) both word the payment method this way: it
// lives here so that neither imports the other.

/** How the buyer said they paid; null when they did not say and the shop confirmed receipt. */
export const PAYMENT_METHOD_LABEL: Record<string, string> = { qris: 'QRIS', transfer: 'Transfer', cash: 'Tunai' };
export const paymentLabel = (m: string | null): string => (m ? (PAYMENT_METHOD_LABEL[m] ?? m) : 'dikonfirmasi toko');
