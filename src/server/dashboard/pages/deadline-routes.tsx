import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { previousPeriod } from '../../../orders/open-orders.js';
import { NotFoundError } from '../../../shared/errors.js';
import { parseInput } from '../../../shared/parse-input.js';
import type { AdminEnv } from '../../admin/context.js';
import { idParam, monthOf, query } from '../../admin/input.js';
import { isPeriod } from '../../../shared/period.js';
import { openOrdersOf, shopHoursOf } from '../../admin/routes/deadlines.js';
import type { View } from '../layout.js';
import { OpenOrdersPage } from './open-orders.js';
import { ShopHoursPage } from './shop-hours.js';

const periodQuery = z.object({ period: z.string().refine(isPeriod, 'expected YYYY-MM').optional() });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'jam HH:MM (24 jam, WIB)');
/** The hours form: both times, or the "back to the default" button. The service checks the pair. */
const hoursForm = z.union([z.object({ reset: z.literal('1') }), z.object({ open: hhmm, close: hhmm })]);

/**
 * Issue 14 on the dashboard: a shop's opening hours (read by all, changed by admins through the same service,
 * validation and audit as PUT /api/shops/{id}/hours) and last month's orders still open with their holds
 * (GET /api/reports/open-orders). The open orders' month is `period` (default: the month that ended), not
 * the menu's `month` (default: this one), so that the menu's link opens last month's list.
 */
export function registerDeadlinePages(d: Hono<AdminEnv>): void {
  const view = (c: Context<AdminEnv>, path: string): View => ({
    principal: c.var.principal,
    csrf: c.var.session.csrf,
    month: monthOf(c),
    path,
  });

  d.get('/shops/:id/hours', async (c) => {
    const id = idParam(c);
    const shop = await c.var.services.directory.shopRow(id);
    if (!shop) throw new NotFoundError('shop', id);
    const status = await shopHoursOf(c).status(id);
    const defaults = await c.var.services.settings.get('shop_hours_default');
    return c.html(<ShopHoursPage view={view(c, '/dashboard/shops')} shop={shop} status={status} defaults={defaults} />);
  });
  d.post('/shops/:id/hours', async (c) => {
    const id = idParam(c);
    const form = await c.req.parseBody();
    const input = parseInput(
      hoursForm,
      form.reset === '1' ? { reset: '1' } : { open: form.open, close: form.close },
      'jam buka',
    );
    await shopHoursOf(c).setHours(id, c.var.principal.actor, 'reset' in input ? { open: null, close: null } : input);
    return c.redirect(`/dashboard/shops/${id}/hours`, 303);
  });

  d.get('/open-orders', async (c) => {
    const period = query(c, periodQuery).period ?? previousPeriod(c.var.services.clock.now());
    return c.html(
      <OpenOrdersPage view={view(c, '/dashboard/open-orders')} report={await openOrdersOf(c).of(period)} />,
    );
  });
}
