import type { Hono } from 'hono';
import { requireCityAdmin } from '../../../admin/opd-scope.js';
import type { AdminEnv } from '../context.js';
import { idParam, jsonBody } from '../input.js';

/** The people who may sign in: the city's admins (people or admin tokens) add, list, disable and enable them; audited by the service. */
export function registerStaffRoutes(api: Hono<AdminEnv>): void {
  api.get('/admins', async (c) => {
    requireCityAdmin(c.var.principal);
    return c.json({ admins: await c.var.services.staff.list() });
  });
  api.post('/admins', async (c) => {
    requireCityAdmin(c.var.principal);
    return c.json({ admin: await c.var.services.staff.add(await jsonBody(c), c.var.principal.actor) }, 201);
  });
  api.post('/admins/:id/disable', async (c) => {
    requireCityAdmin(c.var.principal);
    return c.json({ admin: await c.var.services.staff.disable(idParam(c), c.var.principal.actor) });
  });
  api.post('/admins/:id/enable', async (c) => {
    requireCityAdmin(c.var.principal);
    return c.json({ admin: await c.var.services.staff.enable(idParam(c), c.var.principal.actor) });
  });
}
