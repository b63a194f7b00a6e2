import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { sameSecret } from '../../admin/session.js';
import { cookieSecure, dashboardAuth, SESSION_COOKIE } from '../admin/auth.js';
import type { AdminEnv } from '../admin/context.js';
import { LoginPage } from './pages/login.js';

const LOGIN_CSRF_COOKIE = 'peken_login_csrf';

/** Only a local path: `next` must not send a signed-in user to another site. */
const safeNext = (v: unknown): string => (typeof v === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(v) ? v : '/dashboard');

function clientIp(c: Context<AdminEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** Sign-in with a token (rate-limited per IP), sign-out. The login form uses a double-submit CSRF cookie. */
export function registerLoginRoutes(app: Hono<AdminEnv>): void {
  app.get('/login', (c) => {
    const csrf = randomBytes(18).toString('base64url');
    setCookie(c, LOGIN_CSRF_COOKIE, csrf, { httpOnly: true, sameSite: 'Strict', secure: cookieSecure(c), path: '/login', maxAge: 3600 });
    return c.html(<LoginPage csrf={csrf} next={safeNext(c.req.query('next'))} />);
  });

  app.post('/login', async (c) => {
    const { loginLimiter, tokens, sessions, deps } = c.var.services;
    const now = deps.clock.now().getTime();
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const fresh = randomBytes(18).toString('base64url');
    const again = (error: string, status: 401 | 403 | 429) => {
      setCookie(c, LOGIN_CSRF_COOKIE, fresh, { httpOnly: true, sameSite: 'Strict', secure: cookieSecure(c), path: '/login', maxAge: 3600 });
      return c.html(<LoginPage csrf={fresh} next={next} error={error} />, status);
    };
    if (!loginLimiter.take(clientIp(c), now)) {
      c.header('Retry-After', '60');
      return again('Terlalu banyak percobaan. Tunggu satu menit.', 429);
    }
    if (!sameSecret(typeof form._csrf === 'string' ? form._csrf : undefined, getCookie(c, LOGIN_CSRF_COOKIE))) {
      return again('Formulir kedaluwarsa, silakan coba lagi.', 403);
    }
    const principal = typeof form.token === 'string' ? await tokens.authenticate(form.token.trim()) : null;
    if (!principal) return again('Token tidak dikenal, dicabut atau kedaluwarsa.', 401);
    const { value } = sessions.issue({ tokenId: principal.tokenId, role: principal.role, nowMs: now });
    setCookie(c, SESSION_COOKIE, value, {
      httpOnly: true, sameSite: 'Lax', secure: cookieSecure(c), path: '/', maxAge: Math.floor(sessions.ttlMs / 1000),
    });
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/login' });
    return c.redirect(next, 303);
  });

  // Viewers may sign out too: only the session and its CSRF token are checked, not the role.
  app.post('/logout', dashboardAuth({ allowViewerPost: true }), (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });
}
