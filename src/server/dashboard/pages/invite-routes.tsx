import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { qrisPng } from '../../../payments/qris-png.js';
import { inviteLinks, type InviteTargets } from '../../../shops/invite-links.js';
import { NotFoundError } from '../../../shared/errors.js';
import type { AdminEnv } from '../../admin/context.js';
import { idParam, monthOf, query } from '../../admin/input.js';
import type { View } from '../layout.js';
import { InvitePrintPage, InvitesPage, type InviteRow } from './invites.js';

const view = (c: Context<AdminEnv>, path: string): View => ({
  principal: c.var.principal,
  csrf: c.var.session.csrf,
  month: monthOf(c),
  path,
});
const printQuery = z.object({
  shopId: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
});
const qrQuery = z.object({ channel: z.enum(['whatsapp', 'telegram', 'web']) });

/** Where the links point: configured names, asked at request time (the Telegram username may come from getMe later). */
function targets(c: Context<AdminEnv>): InviteTargets {
  const i = c.var.services.deps.invites;
  return {
    telegramUsername: i?.telegramUsername?.(),
    whatsappNumber: i?.whatsappNumber,
    webOrigin: new URL(c.req.url).origin,
  };
}

async function rows(c: Context<AdminEnv>, shopId?: number): Promise<InviteRow[]> {
  const to = targets(c);
  return (await c.var.services.invites.unreachable({ shopId })).map((inv) => ({
    inv,
    links: inviteLinks(inv.param, to),
  }));
}

/** Issue 14: the shops nobody can answer for, with invitations to send or print (mounted under /dashboard). */
export function registerInvitePages(d: Hono<AdminEnv>): void {
  d.get('/invites', async (c) => c.html(<InvitesPage view={view(c, '/dashboard/invites')} rows={await rows(c)} />));

  d.get('/invites/print', async (c) => {
    const { shopId } = query(c, printQuery);
    return c.html(<InvitePrintPage rows={await rows(c, shopId)} />);
  });

  // The QR of one link, drawn from the same link the page shows; only for a shop still waiting for a contact.
  d.get('/invites/:id/qr.png', async (c) => {
    const { channel } = query(c, qrQuery);
    const [row] = await rows(c, idParam(c));
    const link = row?.links.find((l) => l.channel === channel);
    if (!link?.url) throw new NotFoundError('invitation', `${idParam(c)}/${channel}`);
    c.header('Content-Type', 'image/png');
    c.header('Cache-Control', 'private, no-store');
    return c.body(new Uint8Array(await qrisPng(link.url)));
  });

  d.post('/invites/:id/regenerate', async (c) => {
    await c.var.services.invites.regenerate(idParam(c), c.var.principal.actor);
    return c.redirect('/dashboard/invites', 303);
  });
}
