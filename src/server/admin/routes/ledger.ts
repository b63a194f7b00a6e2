import { Hono } from 'hono';
import { z } from 'zod';
import type { AdminEnv } from '../context.js';
import { monthOf, query } from '../input.js';

export const balanceQuery = z.object({
  kind: z.enum(['shop', 'buyer']),
  id: z.coerce.number().int().positive().optional(),
  month: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The ledger (`/api/ledger`): balances by account and the verify of every balance against its entries. */
export function ledgerRoutes(): Hono<AdminEnv> {
  const ledgerApi = new Hono<AdminEnv>();
  ledgerApi.get('/balances', async (c) => {
    const q = query(c, balanceQuery);
    const period = monthOf(c);
    const ledger = c.var.services.ledger;
    if (q.id) return c.json({ balances: [await ledger.balanceOf(q.kind, q.id, period)] });
    return c.json({ balances: await ledger.balances(q.kind, period, { limit: q.limit, offset: q.offset }) });
  });
  ledgerApi.get('/verify', async (c) => c.json(await c.var.services.ledger.verify()));
  return ledgerApi;
}
