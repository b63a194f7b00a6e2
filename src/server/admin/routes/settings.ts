import { Hono } from 'hono';
import { z } from 'zod';
import { safeParse } from '../../../shared/safe-parse.js';
import type { AdminEnv } from '../context.js';
import { jsonBody } from '../input.js';

export const settingBody = z.object({ value: z.unknown() });

/** Runtime settings (`/api/settings`): all of them, and one set (validated and audited by the service). */
export function settingRoutes(): Hono<AdminEnv> {
  const settings = new Hono<AdminEnv>();
  settings.get('/', async (c) => c.json({ settings: await c.var.services.settings.all() }));
  settings.put('/:key', async (c) => {
    const body = safeParse(settingBody, await jsonBody(c));
    const value = await c.var.services.settings.set(
      c.req.param('key'),
      body.success ? body.data.value : undefined,
      c.var.principal.actor,
    );
    return c.json({ key: c.req.param('key'), value });
  });
  return settings;
}
