import { safeParse } from '../../../shared/safe-parse.js';
import type { Hono } from 'hono';
import { z } from 'zod';
import { orderSearchInput } from '../../../reports/order-search.js';
import { NotFoundError } from '../../../shared/errors.js';
import type { AdminEnv } from '../context.js';
import { jsonBody, monthOf, query } from '../input.js';

export const balanceQuery = z.object({
  kind: z.enum(['shop', 'buyer']),
  id: z.coerce.number().int().positive().optional(),
  month: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});
export const settingBody = z.object({ value: z.unknown() });

/** Orders, the ledger (balances, verify) and settings. */
export function registerOrderLedgerRoutes(api: Hono<AdminEnv>): void {
  api.get('/orders', async (c) =>
    c.json({ orders: await c.var.services.reports.searchOrders(query(c, orderSearchInput)) }),
  );
  api.get('/orders/:key', async (c) => {
    const d = await c.var.services.reports.orderDetail(c.req.param('key'));
    if (!d) throw new NotFoundError('order', c.req.param('key'));
    return c.json(d);
  });

  api.get('/ledger/balances', async (c) => {
    const q = query(c, balanceQuery);
    const period = monthOf(c);
    const ledger = c.var.services.ledger;
    if (q.id) return c.json({ balances: [await ledger.balanceOf(q.kind, q.id, period)] });
    return c.json({ balances: await ledger.balances(q.kind, period, { limit: q.limit, offset: q.offset }) });
  });
  api.get('/ledger/verify', async (c) => c.json(await c.var.services.ledger.verify()));

  api.get('/settings', async (c) => c.json({ settings: await c.var.services.settings.all() }));
  api.put('/settings/:key', async (c) => {
    const body = safeParse(settingBody, await jsonBody(c));
    const value = await c.var.services.settings.set(
      c.req.param('key'),
      body.success ? body.data.value : undefined,
      c.var.principal.actor,
    );
    return c.json({ key: c.req.param('key'), value });
  });
}
