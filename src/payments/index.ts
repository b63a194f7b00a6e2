/**
 * Payments: QRIS, Indonesia's national merchant QR (EMVCo merchant-presented mode). Pure code, no database:
 * read a shop's static QRIS, make the dynamic one for an order's total, draw it, and read one from a photo.
 */
export { parseQris } from './parse-qris.js';
export { qrisWithAmount } from './qris-with-amount.js';
export { QrisError } from './qris.errors.js';
export type { Qris, QrisParse, QrisRefusal } from './qris.types.js';
export { qrisPng } from './qris-png.js';
export { MAX_QR_PHOTO_BYTES, readQrImage, type QrImageRead } from './read-qr-image.js';
