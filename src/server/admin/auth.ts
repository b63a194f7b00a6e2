import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { sameSecret } from '../../admin/session.js';
import type { AdminEnv } from './context.js';

export const SESSION_COOKIE = 'peken_session';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** API: `Authorization: Bearer <token>`; 401 without a live token, 403 when a viewer tries to write. */
export const apiAuth: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const principal = m ? await c.var.services.tokens.authenticate(m[1]!) : null;
  if (!principal) {
    c.header('WWW-Authenticate', 'Bearer realm="peken"');
    throw new HTTPException(401, { message: 'token tidak ada, tidak dikenal, dicabut atau kedaluwarsa' });
  }
  if (!SAFE.has(c.req.method) && principal.role !== 'admin') throw new HTTPException(403, { message: 'peran viewer hanya bisa membaca' });
  c.set('principal', principal);
  await next();
};

/** The signed-in principal from the session cookie, re-checked against its token (revocation ends sessions). */
export async function sessionPrincipal(c: Context<AdminEnv>) {
  const { sessions, tokens, deps } = c.var.services;
  const session = sessions.read(getCookie(c, SESSION_COOKIE), deps.clock.now().getTime());
  if (!session) return null;
  const principal = await tokens.byId(session.tokenId);
  return principal ? { session, principal } : null;
}

/**
 * Dashboard: a live session or a redirect to /login (a POST without one gets 401: its form data would be
 * lost in a redirect). Every POST must carry the session's CSRF token in `_csrf`; viewers cannot POST.
 */
export function dashboardAuth(p: { adminOnly?: boolean; allowViewerPost?: boolean; csrf?: boolean } = {}): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const found = await sessionPrincipal(c);
    if (!found) {
      if (SAFE.has(c.req.method)) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
      throw new HTTPException(401, { message: 'sesi berakhir: silakan masuk lagi' });
    }
    c.set('principal', found.principal);
    c.set('session', found.session);
    if (p.adminOnly && found.principal.role !== 'admin') throw new HTTPException(403, { message: 'khusus admin' });
    if (!SAFE.has(c.req.method) && p.csrf !== false) {
      if (found.principal.role !== 'admin' && !p.allowViewerPost) throw new HTTPException(403, { message: 'peran viewer hanya bisa membaca' });
      const form = await c.req.parseBody();
      const given = typeof form._csrf === 'string' ? form._csrf : c.req.header('x-csrf-token');
      if (!sameSecret(given, found.session.csrf)) throw new HTTPException(403, { message: 'token CSRF tidak cocok: muat ulang halaman' });
    }
    await next();
  };
}

/**
 * Bull Board's own UI posts JSON (retry, clean) without our CSRF field: allow its writes only from the same
 * origin, on top of the SameSite cookie.
 */
export const sameOriginWrites: MiddlewareHandler<AdminEnv> = async (c, next) => {
  if (!SAFE.has(c.req.method)) {
    const origin = c.req.header('origin');
    if (!origin || origin !== new URL(c.req.url).origin) throw new HTTPException(403, { message: 'permintaan lintas situs ditolak' });
  }
  await next();
};

/** Secure cookies on https, or always when the deployment says it sits behind TLS. */
export function cookieSecure(c: Context<AdminEnv>): boolean {
  return c.var.services.deps.secureCookies === true || new URL(c.req.url).protocol === 'https:';
}
