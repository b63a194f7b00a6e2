import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { parseInput } from '../../../shared/parse-input.js';
import type { Actor } from '../../../orders/order.service.js';
import { NotFoundError } from '../../../shared/errors.js';
import type { AdminEnv } from '../context.js';
import { jsonBody } from '../input.js';

export const resolveInput = z.object({
  outcome: z.enum(['complete', 'cancel']),
  reason: z.string().trim().min(1, 'a reason is required').max(300),
});

/** The signed-in admin as the order service and its log see them. */
export const adminActor = (c: Context<AdminEnv>, channel: 'api' | 'dashboard'): Actor => ({
  kind: 'admin',
  name: c.var.principal.actor,
  via: { channel },
});

/** The review list ("perlu ditinjau"), an order's event log, and an admin's resolution. */
export function registerReviewRoutes(api: Hono<AdminEnv>): void {
  api.get('/review', async (c) => c.json({ orders: await c.var.services.review.list() }));
  api.get('/orders/:key/events', async (c) => {
    const d = await c.var.services.review.detail(c.req.param('key'));
    if (!d) throw new NotFoundError('order', c.req.param('key'));
    return c.json({
      code: d.order.code,
      status: d.order.status,
      review: d.order.review_reason,
      statements: d.statements,
      events: d.events,
    });
  });
  api.post('/orders/:key/resolve', async (c) => {
    const body = parseInput(resolveInput, await jsonBody(c), 'body');
    const d = await c.var.services.review.detail(c.req.param('key'));
    if (!d) throw new NotFoundError('order', c.req.param('key'));
    const order = await c.var.services.orders.resolve(d.order.id, adminActor(c, 'api'), body);
    return c.json({ code: order.code, status: order.status, reason: order.reason });
  });
}
