export { createReceiptService, NotCompletedError, type ReceiptFile, type ReceiptService } from './receipt.service.js';
