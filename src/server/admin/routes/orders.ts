import { Hono } from 'hono';
import { orderSearchInput } from '../../../reports/order-search.js';
import { NotFoundError } from '../../../shared/errors.js';
import type { AdminEnv } from '../context.js';
import { query } from '../input.js';

/** Orders (`/api/orders`): search, and one order with its lines and ledger entries. */
export function orderRoutes(): Hono<AdminEnv> {
  const orders = new Hono<AdminEnv>();
  orders.get('/', async (c) =>
    c.json({ orders: await c.var.services.reports.searchOrders(query(c, orderSearchInput)) }),
  );
  orders.get('/:key', async (c) => {
    const d = await c.var.services.reports.orderDetail(c.req.param('key'));
    if (!d) throw new NotFoundError('order', c.req.param('key'));
    return c.json(d);
  });
  return orders;
}
