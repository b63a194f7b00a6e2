import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { getConnInfo } from '@hono/node-server/conninfo';
import { sameSecret } from '../../admin/same-secret.js';
import type { Principal } from '../../admin/principal.js';
import type { AdminEnv } from './context.js';

export const SESSION_COOKIE = 'peken_session';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What an opd_admin may reach: its OPD's compliance, its ASN (list, edit, roster import) and broadcasts to
 * its ASN. Everything else is refused before any handler runs (deny by default); the handlers then keep
 * each of these to its OPD (src/admin/opd-scope.ts).
 */
const OPD_ALLOWED: ReadonlyArray<readonly [string, RegExp]> = [
  ['GET', /^\/api\/reports\/compliance(\/buyers)?$/],
  ['GET', /^\/api\/buyers$/],
  ['PATCH', /^\/api\/buyers\/\d+$/],
  ['POST', /^\/api\/roster\/import$/],
  ['GET', /^\/api\/broadcasts(\/\d+(\/(preview|recipients))?)?$/],
  ['POST', /^\/api\/broadcasts(\/preview|\/\d+\/(send|schedule|cancel))?$/],
  ['GET', /^\/dashboard\/?$/],
  ['GET', /^\/dashboard\/(compliance|buyers)$/],
  ['GET', /^\/dashboard\/broadcasts(\/\d+)?$/],
  ['POST', /^\/dashboard\/broadcasts(\/preview|\/\d+\/cancel)?$/],
];

function refuseOutsideRole(c: Context<AdminEnv>, p: Principal): void {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  if (p.role === 'opd_admin' && !OPD_ALLOWED.some(([m, re]) => m === method && re.test(c.req.path))) {
    throw new HTTPException(403, { message: 'admin OPD hanya melihat kepatuhan, ASN dan siaran OPD-nya sendiri' });
  }
  if (!SAFE.has(c.req.method) && p.role === 'viewer')
    throw new HTTPException(403, { message: 'peran viewer hanya bisa membaca' });
}

/** Secure cookies on https, or always when the deployment sits behind a TLS proxy (TRUST_PROXY). */
export function cookieSecure(c: Context<AdminEnv>): boolean {
  return c.var.services.deps.trustProxy === true || new URL(c.req.url).protocol === 'https:';
}

/**
 * The client's address for sign-in limits. Behind a trusted proxy: the last X-Forwarded-For entry (the one
 * the proxy appended; earlier ones are whatever the client sent). Otherwise the socket's.
 */
export function clientAddress(c: Context<AdminEnv>): string {
  if (c.var.services.deps.trustProxy) {
    const last = (c.req.header('x-forwarded-for') ?? '').split(',').pop()?.trim();
    if (last) return last.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** The session cookie: HttpOnly, SameSite=Lax (links from mail still open the dashboard), Secure where it can be. */
export function setSessionCookie(c: Context<AdminEnv>, value: string): void {
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: cookieSecure(c),
    path: '/',
    maxAge: Math.floor(c.var.services.sessions.idleMs / 1000),
  });
}

/** The signed-in person from the session cookie, checked against the sessions table on every request. */
export async function sessionPrincipal(c: Context<AdminEnv>) {
  const value = getCookie(c, SESSION_COOKIE);
  const found = await c.var.services.sessions.read(value);
  if (!found) return null;
  // The browser's copy lives as long as the idle limit from the last use, like the session itself.
  if (found.touched && value) setSessionCookie(c, value);
  return found;
}

/**
 * API: `Authorization: Bearer <token>` (machines), or a dashboard session (people; writes then carry the
 * session's CSRF token in X-CSRF-Token). 401 without either; 403 for a viewer's write or an opd_admin
 * outside what its OPD may reach.
 */
export const apiAuth: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  let principal = m ? await c.var.services.tokens.authenticate(m[1]!) : null;
  if (!principal && !m) {
    const found = await sessionPrincipal(c);
    if (found && !SAFE.has(c.req.method) && !sameSecret(c.req.header('x-csrf-token'), found.session.csrf)) {
      throw new HTTPException(403, { message: 'token CSRF tidak cocok: kirim X-CSRF-Token dari sesi' });
    }
    principal = found?.principal ?? null;
  }
  if (!principal) {
    c.header('WWW-Authenticate', 'Bearer realm="peken"');
    throw new HTTPException(401, { message: 'token tidak ada, tidak dikenal, dicabut atau kedaluwarsa' });
  }
  c.set('principal', principal);
  refuseOutsideRole(c, principal);
  await next();
};

/**
 * Dashboard: a live session or a redirect to /login (a POST without one gets 401: its form data would be
 * lost in a redirect). Every POST must carry the session's CSRF token in `_csrf`; viewers cannot POST; an
 * opd_admin reaches only its OPD's pages.
 */
export function dashboardAuth(
  p: { adminOnly?: boolean; allowViewerPost?: boolean; csrf?: boolean } = {},
): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const found = await sessionPrincipal(c);
    if (!found) {
      if (SAFE.has(c.req.method)) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
      throw new HTTPException(401, { message: 'sesi berakhir: silakan masuk lagi' });
    }
    c.set('principal', found.principal);
    c.set('session', found.session);
    if (p.adminOnly && found.principal.role !== 'admin') throw new HTTPException(403, { message: 'khusus admin' });
    if (!p.allowViewerPost) refuseOutsideRole(c, found.principal);
    if (!SAFE.has(c.req.method) && p.csrf !== false) {
      const form = await c.req.parseBody();
      const given = typeof form._csrf === 'string' ? form._csrf : c.req.header('x-csrf-token');
      if (!sameSecret(given, found.session.csrf))
        throw new HTTPException(403, { message: 'token CSRF tidak cocok: muat ulang halaman' });
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
    if (!origin || origin !== new URL(c.req.url).origin)
      throw new HTTPException(403, { message: 'permintaan lintas situs ditolak' });
  }
  await next();
};
