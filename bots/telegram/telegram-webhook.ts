import { createHash, timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { chatKeyOf } from './telegram-bot.js';
import type { TelegramLogger } from './telegram-logger.js';
import type { UpdateInbox, UpdateQueue } from './update-queue.js';

export const WEBHOOK_PATH = '/telegram/webhook';
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export interface TelegramWebhookDeps {
  /** Where updates wait to be handled, and what handles them. */
  inbox: UpdateInbox;
  queue: UpdateQueue;
  /** What setWebhook gave Telegram as secret_token; Telegram sends it with every update. */
  secret: string;
  logger: TelegramLogger;
}

/**
 * `POST /telegram/webhook`: only Telegram knows the secret, so a request without it (or with a wrong one)
 * gets 401 and does nothing. The update is stored and answered 200 at once; it is handled afterwards
 * (update-queue.ts), so that Telegram gets its answer within its timeout even while our replies cannot
 * reach its API, and a redelivery of a stored update_id has no effect of any kind.
 */
export function createTelegramWebhook(deps: TelegramWebhookDeps): Hono<never> {
  const expected = digest(deps.secret);
  const app = new Hono();
  app.post(
    WEBHOOK_PATH,
    async (c, next) => {
      const given = c.req.header(SECRET_HEADER);
      // Compared as digests of equal length, in constant time, so the secret cannot be guessed byte by byte.
      if (given === undefined || !timingSafeEqual(digest(given), expected)) {
        deps.logger.warn(
          { hasSecret: given !== undefined },
          'telegram webhook: refused a request without the right secret',
        );
        return c.json({ error: { code: 'unauthorized', message: 'wrong or missing secret token' } }, 401);
      }
      await next();
    },
    // Real updates are a few kilobytes; anything near this is not from Telegram.
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: (c) => c.json({ error: { code: 'too_large', message: 'update too large' } }, 413),
    }),
    async (c) => {
      const update = await c.req.json().catch(() => null);
      if (!isUpdate(update))
        return c.json({ error: { code: 'bad_request', message: 'expected a Telegram update' } }, 400);
      // Stored before the 200: if this fails (the database stayed locked), Telegram redelivers it.
      const fresh = await deps.inbox.accept({
        updateId: update.update_id,
        chatKey: chatKeyOf(update),
        payload: JSON.stringify(update),
      });
      if (fresh) deps.queue.poke();
      else deps.logger.debug({ updateId: update.update_id }, 'telegram webhook: repeated update ignored');
      return c.json({ ok: true });
    },
  );
  // Hono<never> is the type the HTTP app's mounts take (src/server/http-app.ts), as the admin app returns.
  return app as unknown as Hono<never>;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

function isUpdate(x: unknown): x is Update {
  return typeof x === 'object' && x !== null && Number.isSafeInteger((x as { update_id?: unknown }).update_id);
}
