import { z } from 'zod';
import { ORDER_STATUSES } from '../orders/order.table.js';
import { isPeriod } from '../shared/period.js';

export const orderSearchInput = z.object({
  code: z.string().trim().toUpperCase().max(20).optional(),
  buyerId: z.coerce.number().int().positive().optional(),
  shopId: z.coerce.number().int().positive().optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  month: z.string().refine(isPeriod, 'expected YYYY-MM').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type OrderSearch = z.output<typeof orderSearchInput>;

export interface OrderListRow {
  id: string;
  code: string;
  status: string;
  total: number;
  period: string | null;
  createdAt: string;
  buyerId: number;
  buyerName: string;
  agencyCode: string;
  shopId: number;
  shopCode: string;
  shopName: string;
}
