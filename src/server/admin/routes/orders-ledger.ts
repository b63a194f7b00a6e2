import { safeParse } from '../../../shared/safe-parse.js';
import type { Hono } from 'hono';
import { z } from 'zod';
import { ledger } from '../../../ledger/index.js';
import { buyerAccount, shopAccount } from '../../../ledger/ledger.repository.js';
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
    const db = c.var.services.deps.db;
    if (q.id) {
      const account = q.kind === 'shop' ? shopAccount(q.id) : buyerAccount(q.id);
      const b =
        q.kind === 'shop' ? await ledger.shopBalance(db, q.id, period) : await ledger.buyerBalance(db, q.id, period);
      return c.json({ balances: [{ account, period, ...b }] });
    }
    const from = `${q.kind}:`;
    const to = `${q.kind};`;
    const rows = await db
      .selectFrom('ledger_balances')
      .select(['account', 'period', 'held', 'committed'])
      .where('period', '=', period)
      .where('account', '>=', from)
      .where('account', '<', to)
      .orderBy('account')
      .limit(q.limit)
      .offset(q.offset)
      .execute();
    return c.json({ balances: rows });
  });
  api.get('/ledger/verify', async (c) => c.json(await ledger.verify(c.var.services.deps.db)));

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
