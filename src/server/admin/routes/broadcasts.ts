import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { parseInput } from '../../../admin/parse-input.js';
import { createBroadcastService, type BroadcastService } from '../../../broadcasts/broadcast.service.js';
import { RECIPIENT_STATUSES } from '../../../broadcasts/broadcast.table.js';
import type { AdminEnv } from '../context.js';
import type { AdminAppDeps } from '../deps.js';
import { idParam, jsonBody, query } from '../input.js';

export const broadcastListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) });
export const recipientQuery = z.object({
  status: z.enum(RECIPIENT_STATUSES as [string, ...string[]]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

// One service per app, built from the app's deps on first use (the admin app's services object is not ours).
const services = new WeakMap<AdminAppDeps, BroadcastService>();
export function broadcastServiceOf(c: Context<AdminEnv>): BroadcastService {
  const deps = c.var.services.deps;
  let s = services.get(deps);
  if (!s) {
    s = createBroadcastService({ db: deps.db, clock: deps.clock, settings: deps.settings });
    services.set(deps, s);
  }
  return s;
}

/** Broadcasts: compose (draft, send now or schedule), preview, cancel, progress and recipients. Writes are audited by the service. */
export function registerBroadcastRoutes(api: Hono<AdminEnv>): void {
  api.get('/broadcasts', async (c) => {
    const q = query(c, broadcastListQuery);
    return c.json({ broadcasts: await broadcastServiceOf(c).list(q) });
  });
  api.post('/broadcasts', async (c) => {
    // A client that retries after a timeout sends the same Idempotency-Key and gets the first broadcast back.
    const key = c.req.header('idempotency-key');
    return c.json({ broadcast: await broadcastServiceOf(c).create(await jsonBody(c), c.var.principal.actor, key === undefined ? {} : { requestKey: key }) }, 201);
  });
  api.post('/broadcasts/preview', async (c) => c.json(await broadcastServiceOf(c).preview(await jsonBody(c))));
  api.get('/broadcasts/:id', async (c) => c.json(await broadcastServiceOf(c).status(idParam(c))));
  api.get('/broadcasts/:id/preview', async (c) => c.json(await broadcastServiceOf(c).previewOf(idParam(c))));
  api.get('/broadcasts/:id/recipients', async (c) => {
    const q = parseInput(recipientQuery, c.req.query(), 'query') as { status?: (typeof RECIPIENT_STATUSES)[number]; limit: number; offset: number };
    return c.json({ recipients: await broadcastServiceOf(c).recipients(idParam(c), q) });
  });
  api.post('/broadcasts/:id/send', async (c) => c.json({ broadcast: await broadcastServiceOf(c).sendNow(idParam(c), c.var.principal.actor) }));
  api.post('/broadcasts/:id/schedule', async (c) => c.json({ broadcast: await broadcastServiceOf(c).schedule(idParam(c), await jsonBody(c), c.var.principal.actor) }));
  api.post('/broadcasts/:id/cancel', async (c) => c.json({ broadcast: await broadcastServiceOf(c).cancel(idParam(c), c.var.principal.actor) }));
}
