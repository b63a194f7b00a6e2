import type { Hono } from 'hono';
import { previousPeriod } from '../../../orders/open-orders.js';
import { shopHoursInput } from '../../../shops/shop-hours.service.js';
import { ValidationError } from '../../../shared/errors.js';
import type { AdminEnv } from '../context.js';
import { idParam, jsonBody, monthQuery, query } from '../input.js';

type Vars = { var: AdminEnv['Variables'] };
/** The shop-hours service of the request's services: the API and the dashboard pages share it. */
export const shopHoursOf = (c: Vars) => c.var.services.shopHours;
/** The open-orders report of the request's services (API and dashboard). */
export const openOrdersOf = (c: Vars) => c.var.services.openOrders;

/** Issue 14: a shop's opening hours and the month's still-open orders. */
export function registerDeadlineRoutes(api: Hono<AdminEnv>): void {
  const hours = shopHoursOf;

  api.get('/shops/:id/hours', async (c) => c.json({ hours: await hours(c).status(idParam(c)) }));
  api.put('/shops/:id/hours', async (c) => {
    const parsed = shopHoursInput.safeParse(await jsonBody(c));
    if (!parsed.success)
      throw new ValidationError(
        'invalid hours',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      );
    return c.json({ hours: await hours(c).setHours(idParam(c), c.var.principal.actor, parsed.data) });
  });

  api.get('/reports/open-orders', async (c) => {
    const month = query(c, monthQuery).month ?? previousPeriod(c.var.services.clock.now());
    return c.json(await openOrdersOf(c).of(month));
  });
}
