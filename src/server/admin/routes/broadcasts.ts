import type { Context, Hono } from 'hono';
import { scopedBroadcasts } from '../../../admin/opd-scope.js';
import { z } from 'zod';
import { parseInput } from '../../../shared/parse-input.js';
import { RECIPIENT_STATUSES } from '../../../broadcasts/broadcast.table.js';
import type { AdminEnv } from '../context.js';
import { idParam, jsonBody, query } from '../input.js';

export const broadcastListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const recipientQuery = z.object({
  status: z.enum(RECIPIENT_STATUSES as [string, ...string[]]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The broadcast service as the signed-in principal may use it (an opd_admin: its own OPD's ASN only). */
export const broadcastsOf = (c: Context<AdminEnv>) => scopedBroadcasts(c.var.principal, c.var.services.broadcasts);

/** Broadcasts: compose (draft, send now or schedule), preview, cancel, progress and recipients. Writes are audited by the service. */
export function registerBroadcastRoutes(api: Hono<AdminEnv>): void {
  api.get('/broadcasts', async (c) => {
    const q = query(c, broadcastListQuery);
    return c.json({ broadcasts: await broadcastsOf(c).list(q) });
  });
  api.post('/broadcasts', async (c) => {
    // A client that retries after a timeout sends the same Idempotency-Key and gets the first broadcast back.
    const key = c.req.header('idempotency-key');
    return c.json(
      {
        broadcast: await broadcastsOf(c).create(
          await jsonBody(c),
          c.var.principal.actor,
          key === undefined ? {} : { requestKey: key },
        ),
      },
      201,
    );
  });
  api.post('/broadcasts/preview', async (c) => c.json(await broadcastsOf(c).preview(await jsonBody(c))));
  api.get('/broadcasts/:id', async (c) => c.json(await broadcastsOf(c).status(idParam(c))));
  api.get('/broadcasts/:id/preview', async (c) => c.json(await broadcastsOf(c).previewOf(idParam(c))));
  api.get('/broadcasts/:id/recipients', async (c) => {
    const q = parseInput(recipientQuery, c.req.query(), 'query') as {
      status?: (typeof RECIPIENT_STATUSES)[number];
      limit: number;
      offset: number;
    };
    return c.json({ recipients: await broadcastsOf(c).recipients(idParam(c), q) });
  });
  api.post('/broadcasts/:id/send', async (c) =>
    c.json({ broadcast: await broadcastsOf(c).sendNow(idParam(c), c.var.principal.actor) }),
  );
  api.post('/broadcasts/:id/schedule', async (c) =>
    c.json({ broadcast: await broadcastsOf(c).schedule(idParam(c), await jsonBody(c), c.var.principal.actor) }),
  );
  api.post('/broadcasts/:id/cancel', async (c) =>
    c.json({ broadcast: await broadcastsOf(c).cancel(idParam(c), c.var.principal.actor) }),
  );
}
