import type { Db } from '../db/database.js';
import { DomainError, NotFoundError } from '../shared/errors.js';
import { renderKuitansi } from './kuitansi-pdf.js';
import { kuitansiItems, kuitansiRow } from './receipt.repository.js';

/** A kuitansi exists only for a completed order: before that nothing was paid for. */
export class NotCompletedError extends DomainError {
  readonly code = 'not_completed';
  constructor(
    readonly orderCode: string,
    readonly status: string,
  ) {
    super(`pesanan ${orderCode} belum selesai (status: ${status}); kuitansi hanya untuk pesanan selesai`);
  }
}

export interface ReceiptFile {
  name: string;
  bytes: Uint8Array;
}

/** Kuitansi (receipts) of completed orders as PDF, for the dashboard, the API and the buyer's chat. */
export function createReceiptService(deps: { db: Db }) {
  return {
    /** The kuitansi of an order (id or code); NotFoundError when unknown, NotCompletedError before completion. */
    async kuitansi(idOrCode: string): Promise<ReceiptFile> {
      const order = await kuitansiRow(deps.db, idOrCode.trim());
      if (!order) throw new NotFoundError('order', idOrCode);
      if (order.status !== 'completed' || order.ledgerTotal === null || !order.completedAt)
        throw new NotCompletedError(order.code, order.status);
      const items = await kuitansiItems(deps.db, order.orderId);
      const bytes = await renderKuitansi({
        order: { ...order, completedAt: order.completedAt, ledgerTotal: order.ledgerTotal },
        items,
      });
      return { name: `kuitansi-${order.code}.pdf`, bytes };
    },
  };
}

export type ReceiptService = ReturnType<typeof createReceiptService>;
