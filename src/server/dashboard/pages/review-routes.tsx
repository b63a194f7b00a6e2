import { readFile, realpath } from 'node:fs/promises';
import { extname, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import { parseInput } from '../../../shared/parse-input.js';
import { NotFoundError } from '../../../shared/errors.js';
import type { AdminEnv } from '../../admin/context.js';
import { monthOf } from '../../admin/input.js';
import { adminActor, resolveInput } from '../../admin/routes/review.js';
import type { View } from '../layout.js';
import { ReviewDetailPage, ReviewListPage } from './review.js';

const view = (c: Context<AdminEnv>, path: string): View => ({
  principal: c.var.principal,
  csrf: c.var.session.csrf,
  month: monthOf(c),
  path,
});
const IMAGE_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

/**
 * A receipt photo's real path when it lies inside the media folder (a path stored by an adapter); null for
 * anything else, so that a crafted path can never read another file.
 */
async function mediaFile(mediaDir: string | undefined, path: string | null): Promise<string | null> {
  if (!mediaDir || !path || !IMAGE_TYPES[extname(path).toLowerCase()]) return null;
  try {
    const [root, file] = await Promise.all([realpath(mediaDir), realpath(path)]);
    return file.startsWith(root + sep) ? file : null;
  } catch {
    return null;
  }
}

async function detailOf(c: Context<AdminEnv>) {
  const d = await c.var.services.review.detail(c.req.param('key') ?? '');
  if (!d) throw new NotFoundError('order', c.req.param('key') ?? '');
  return d;
}

/** "Perlu ditinjau": the list, one order with both statements, the receipt photo and the log, and the decision. */
export function registerReviewPages(d: Hono<AdminEnv>): void {
  d.get('/review', async (c) =>
    c.html(<ReviewListPage view={view(c, '/dashboard/review')} rows={await c.var.services.review.list()} />),
  );
  d.get('/review/:key', async (c) => {
    const detail = await detailOf(c);
    const hasReceipt = (await mediaFile(c.var.services.deps.mediaDir, detail.order.payment_receipt)) !== null;
    return c.html(
      <ReviewDetailPage
        view={view(c, '/dashboard/review')}
        d={detail}
        receiptUrl={hasReceipt ? `/dashboard/review/${detail.order.code}/receipt` : null}
      />,
    );
  });
  d.get('/review/:key/receipt', async (c) => {
    const detail = await detailOf(c);
    const file = await mediaFile(c.var.services.deps.mediaDir, detail.order.payment_receipt);
    if (!file) throw new NotFoundError('receipt', detail.order.code);
    c.header('Content-Type', IMAGE_TYPES[extname(file).toLowerCase()]!);
    c.header('Cache-Control', 'private, max-age=300');
    return c.body(new Uint8Array(await readFile(file)));
  });
  d.post('/review/:key/resolve', async (c) => {
    const form = await c.req.parseBody();
    const input = parseInput(resolveInput, { outcome: form.outcome, reason: form.reason }, 'form');
    const detail = await detailOf(c);
    await c.var.services.orders.resolve(detail.order.id, adminActor(c, 'dashboard'), input);
    return c.redirect(`/dashboard/review/${detail.order.code}`, 303);
  });
}
