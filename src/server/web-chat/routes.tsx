import { safeParse } from '../../shared/safe-parse.js';
import { createHmac, randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { sameSecret } from '../../admin/same-secret.js';
import type { InboundContent } from '../../chat/ports.js';
import { MAX_PHOTO_BYTES, saveMedia } from '../../../bots/whatsapp/media-store.js';
import { clientAddress, sessionPrincipal } from '../admin/auth.js';
import { webChatIdOf } from '../../chat/web-chat-id.js';
import type { AdminEnv } from '../admin/context.js';
import { ChatPage, ChatPickPage } from './chat-page.js';

// Only the demo city's numbers, in the unallocated 084 range (src/demo/seed-demo.ts): the web chat must never
// let someone speak as a real ASN or shop, and no real roster can hold such a number.
// Demo admins (+62843000NNNN) get their dashboard sign-in codes here.
const DEMO_PHONE = /^\+6284[123]000\d{4}$/;

const sendBody = z.object({
  chatId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  phone: z.string().regex(DEMO_PHONE, 'expected a demo phone (+62841000NNNN, +62842000NNNN or +62843000NNNN)'),
  content: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('text'), text: z.string().min(1).max(2000) }),
    z.object({ kind: z.literal('option'), value: z.string().min(1).max(64) }),
  ]),
});
const photoQuery = z.object({
  chatId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  phone: z.string().regex(DEMO_PHONE),
  tooLarge: z.string().optional(),
});
const imageQuery = z.object({ chatId: z.string().max(64), phone: z.string().regex(DEMO_PHONE) });
const START = z.string().regex(/^[A-Za-z0-9_-]{1,70}$/);
const pollQuery = z.object({
  chatId: z.string().max(64),
  phone: z.string().regex(DEMO_PHONE),
  after: z.coerce.number().int().min(0).default(0),
});

/** Open in demo mode; otherwise an admin session is required. Returns the session's CSRF secret ('' without one). */
async function access(c: Context<AdminEnv>): Promise<string | null> {
  const found = await sessionPrincipal(c);
  if (found?.principal.role === 'admin') return found.session.csrf;
  return c.var.services.deps.demo ? '' : null;
}

/** A per-phone form token, bound to the session when there is one: a cross-site page cannot post messages. */
const chatToken = (secret: string, phone: string, sessionCsrf: string) =>
  createHmac('sha256', secret).update(`webchat:${phone}:${sessionCsrf}`).digest('base64url');

/** The CSP nonce the HTTP app's secureHeaders set for this request (src/server/http-app.ts), if any. */
const nonceOf = (c: Context<AdminEnv>): string | undefined =>
  (c.var as { secureHeadersNonce?: string }).secureHeadersNonce;

/**
 * A new chat id beyond the address's limit: refused before anything is stored or handled (issue 19, item 5).
 * Returns the 429 to answer, or null to go on.
 */
async function refusedNewChat(c: Context<AdminEnv>, chatId: string): Promise<Response | null> {
  const r = await c.var.services.webChatAdmission.admit(chatId, clientAddress(c));
  if (r.ok) return null;
  c.header('Retry-After', String(r.retryAfterSec));
  const minutes = Math.ceil(r.retryAfterSec / 60);
  return c.json(
    {
      error: {
        code: 'rate_limited',
        message: `terlalu banyak chat baru dari alamat ini: coba lagi dalam ${minutes} menit, atau lanjutkan chat yang sudah dibuka`,
      },
    },
    429,
  );
}

/** Gives the event loop back until a later turn: through the intake gate when the request came through it. */
const passTurn = (c: Context<AdminEnv>): Promise<void> =>
  c.var.passTurn ? c.var.passTurn() : new Promise((resume) => setImmediate(resume));

/**
 * One message through the engine; images in the replies (a payable QR) become URLs the page loads. The
 * engine's SQLite calls are synchronous, so a message holds the event loop from here to its reply: it gives
 * the loop back before the engine and before the reply is written, so that /healthz and the dashboard wait
 * for one of these steps, not for the whole message (issue 19, item 6).
 */
async function converseShown(c: Context<AdminEnv>, chatId: string, phone: string, content: InboundContent) {
  const { chat, webChat } = c.var.services.deps;
  await passTurn(c);
  const replies = await chat!.handle({
    channel: 'web',
    chatId,
    messageId: randomBytes(8).toString('hex'),
    senderPhone: phone,
    content,
  });
  // Without an inbox there is nowhere to keep an image: the caption alone goes out.
  const shown = await Promise.all(
    replies.map((r) => (webChat ? webChat.present(chatId, r) : { ...r, image: undefined })),
  );
  await passTurn(c);
  return shown;
}

/** The web chat: the same conversation flows in a browser, channel 'web', chat id per tab. */
export function registerWebChatRoutes(app: Hono<AdminEnv>): void {
  app.get('/chat', async (c) => {
    const csrf = await access(c);
    if (csrf === null) return c.redirect('/login?next=/chat', 303);
    const { chat, sessionSecret } = c.var.services.deps;
    const { directory } = c.var.services;
    const phone = c.req.query('phone');
    // A shop's invitation (/chat?start=toko_…): carried through the picker and put in the message box, as
    // WhatsApp's wa.me link does; the engine reads it from the text.
    const start = START.safeParse(c.req.query('start')).data;
    if (phone && DEMO_PHONE.test(phone)) {
      // That one person, not the whole directory (5,000 rows a page when 200 people opened theirs at once).
      const who = (await directory.demoLabel(phone)) ?? phone;
      // One chat per phone (as on WhatsApp): what was sent to it before this tab opened is in its inbox.
      const chatId = webChatIdOf(phone);
      return c.html(
        <ChatPage
          phone={phone}
          label={who}
          chatId={chatId}
          csrf={chatToken(sessionSecret, phone, csrf)}
          nonce={nonceOf(c)}
          start={start}
        />,
      );
    }
    // Every demo person: the buyer's shop may be any of them (the page filters by name as you type).
    const ids = await directory.demoIdentities(5000);
    return c.html(
      <ChatPickPage
        available={Boolean(chat)}
        start={start}
        buyers={ids.buyers.map((b) => ({ label: b.name, phone: b.phone }))}
        owners={ids.owners.map((o) => ({ label: `${o.shop} (${o.name})`, phone: o.phone }))}
        admins={ids.admins.map((a) => ({ label: `${a.name} (${a.role})`, phone: a.phone }))}
      />,
    );
  });

  app.post('/chat/api/send', async (c) => {
    const csrf = await access(c);
    if (csrf === null) throw new HTTPException(401, { message: 'masuk sebagai admin untuk memakai chat web' });
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw new HTTPException(400, { message: 'body harus JSON' });
    }
    const parsed = safeParse(sendBody, raw, 'body');
    if (!parsed.success)
      return c.json({ error: { code: 'invalid_input', message: 'pesan tidak valid', issues: parsed.issues } }, 422);
    const { chatId, phone, content } = parsed.data;
    // A page speaks only in its phone's own chat: a chat id is not a secret (it is derived from the phone).
    if (chatId !== webChatIdOf(phone))
      throw new HTTPException(403, { message: 'chat ini bukan milik nomor itu: muat ulang halaman' });
    const { chat, sessionSecret } = c.var.services.deps;
    // Tied to the phone, not the chat id: the tab keeps its chat id in sessionStorage across reloads.
    if (!sameSecret(c.req.header('x-csrf-token'), chatToken(sessionSecret, phone, csrf)))
      throw new HTTPException(403, { message: 'token CSRF tidak cocok: muat ulang halaman' });
    if (!chat) return c.json({ error: { code: 'unavailable', message: 'mesin percakapan belum terpasang' } }, 503);
    const refused = await refusedNewChat(c, chatId);
    if (refused) return refused;
    return c.json({ replies: await converseShown(c, chatId, phone, content) });
  });

  // A photo from the page (a QRIS sticker, goods): saved under the media folder like the other adapters'
  // photos, then handed to the engine. One over 10 MB is not kept; the engine tells the person why.
  app.post('/chat/api/photo', async (c) => {
    const csrf = await access(c);
    if (csrf === null) throw new HTTPException(401, { message: 'masuk sebagai admin untuk memakai chat web' });
    const q = photoQuery.safeParse(c.req.query());
    if (!q.success) return c.json({ error: { code: 'invalid_input', message: 'pesan tidak valid' } }, 422);
    const { chatId, phone } = q.data;
    // The same pairing as /chat/api/send: a page posts photos only into its own phone's chat.
    if (chatId !== webChatIdOf(phone))
      throw new HTTPException(403, { message: 'chat ini bukan milik nomor itu: muat ulang halaman' });
    const { chat, sessionSecret, mediaDir } = c.var.services.deps;
    if (!sameSecret(c.req.header('x-csrf-token'), chatToken(sessionSecret, phone, csrf)))
      throw new HTTPException(403, { message: 'token CSRF tidak cocok: muat ulang halaman' });
    if (!chat) return c.json({ error: { code: 'unavailable', message: 'mesin percakapan belum terpasang' } }, 503);
    const refused = await refusedNewChat(c, chatId);
    if (refused) return refused;
    let content: InboundContent = { kind: 'unsupported', what: 'photo_too_large' };
    if (q.data.tooLarge !== '1') {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const file = form.file;
      const caption = typeof form.caption === 'string' ? form.caption.slice(0, 1000) : '';
      if (!(file instanceof File) || !mediaDir) content = { kind: 'unsupported', what: 'photo' };
      else if (file.size <= MAX_PHOTO_BYTES) {
        const data = Buffer.from(await file.arrayBuffer()).toString('base64');
        const path = await saveMedia({
          mediaDir,
          messageId: `web-${randomBytes(8).toString('hex')}`,
          media: { mimetype: file.type || 'image/jpeg', data },
        });
        content = { kind: 'photo', path, caption };
      }
    }
    return c.json({ replies: await converseShown(c, chatId, phone, content) });
  });

  // An image or a document sent to a chat, served only to that chat (the same pairing of chat and phone as the inbox).
  app.get('/chat/api/image/:id', async (c) => {
    if ((await access(c)) === null)
      throw new HTTPException(401, { message: 'masuk sebagai admin untuk memakai chat web' });
    const q = imageQuery.safeParse(c.req.query());
    const { webChat } = c.var.services.deps;
    // A chat's files are served only together with the phone it speaks as (its id is derived from the phone).
    const found =
      q.success && webChat && q.data.chatId === webChatIdOf(q.data.phone)
        ? await webChat.image(q.data.chatId, c.req.param('id'))
        : undefined;
    if (!found) return c.json({ error: { code: 'not_found', message: 'gambar tidak ada' } }, 404);
    // A document (a kuitansi) downloads under its own name; an image shows inline.
    const disposition: Record<string, string> = found.name
      ? { 'content-disposition': `attachment; filename="${found.name.replace(/[^\w.-]/g, '_')}"` }
      : {};
    return c.body(new Uint8Array(found.bytes), 200, {
      'content-type': found.type,
      'cache-control': 'private, max-age=3600',
      ...disposition,
    });
  });

  app.get('/chat/api/poll', async (c) => {
    if ((await access(c)) === null)
      throw new HTTPException(401, { message: 'masuk sebagai admin untuk memakai chat web' });
    const q = safeParse(pollQuery, c.req.query());
    if (!q.success) return c.json({ items: [] });
    const { webChat } = c.var.services.deps;
    // A chat's inbox is readable only together with the phone it speaks as (its id is derived from the phone).
    if (!webChat || q.data.chatId !== webChatIdOf(q.data.phone)) return c.json({ items: [] });
    return c.json({ items: await webChat.poll(q.data.chatId, q.data.after) });
  });
}
