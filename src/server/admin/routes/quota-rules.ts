import type { Hono } from 'hono';
import type { AdminEnv } from '../context.js';
import { jsonBody, monthOf } from '../input.js';

/** Quota rules per position class: the minimums in effect in a month, their history, and changes from a month on. */
export function registerQuotaRuleRoutes(api: Hono<AdminEnv>): void {
  api.get('/quota-rules', async (c) =>
    c.json({ month: monthOf(c), rules: await c.var.services.quotaRules.list(monthOf(c)) }),
  );
  api.get('/quota-rules/history', async (c) =>
    c.json({ changes: await c.var.services.quotaRules.history(c.req.query('positionClass')) }),
  );
  api.post('/quota-rules', async (c) =>
    c.json({ rule: await c.var.services.quotaRules.add(await jsonBody(c), c.var.principal.actor) }, 201),
  );
  api.put('/quota-rules/:class', async (c) =>
    c.json({
      rule: await c.var.services.quotaRules.change(c.req.param('class'), await jsonBody(c), c.var.principal.actor),
    }),
  );
}
