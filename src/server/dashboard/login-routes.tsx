import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { TooManyAttemptsError } from '../../shared/domain-errors.js';
import { CodeRefusedError } from '../../admin/login.service.js';
import { sameSecret } from '../../admin/same-secret.js';
import { ValidationError } from '../../shared/errors.js';
import { clientAddress, cookieSecure, dashboardAuth, SESSION_COOKIE, setSessionCookie } from '../admin/auth.js';
import type { AdminEnv } from '../admin/context.js';
import { CodePage, LoginPage } from './pages/login.js';

const LOGIN_CSRF_COOKIE = 'peken_login_csrf';

/** Only a local path: `next` must not send a signed-in user to another site. */
const safeNext = (v: unknown): string =>
  typeof v === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(v) ? v : '/dashboard';
const field = (form: Record<string, unknown>, k: string) =>
  typeof form[k] === 'string' ? (form[k] as string).slice(0, 100) : '';

/** A fresh double-submit token for the next form (the login forms have no session to bind one to). */
function freshCsrf(c: Context<AdminEnv>): string {
  const csrf = randomBytes(18).toString('base64url');
  setCookie(c, LOGIN_CSRF_COOKIE, csrf, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: cookieSecure(c),
    path: '/login',
    maxAge: 3600,
  });
  return csrf;
}

/** Runs a sign-in step; the service's refusals become the form again with a status and a message. */
async function step(
  c: Context<AdminEnv>,
  form: Record<string, unknown>,
  retry: (error: string) => unknown,
  run: () => Promise<Response>,
): Promise<Response> {
  const again = (error: string, status: 401 | 403 | 422 | 429) => c.html(retry(error) as string, status);
  if (!sameSecret(field(form, '_csrf') || undefined, getCookie(c, LOGIN_CSRF_COOKIE)))
    return again('Formulir kedaluwarsa, silakan coba lagi.', 403);
  try {
    return await run();
  } catch (error) {
    if (error instanceof TooManyAttemptsError) {
      c.header('Retry-After', String(error.retryAfterSec));
      return again(error.message, 429);
    }
    if (error instanceof CodeRefusedError) return again(error.message, 401);
    if (error instanceof ValidationError) return again(error.message, 422);
    throw error;
  }
}

/**
 * Sign-in by a code sent to the admin's chat: /login asks the phone, /login/code the code; then a session in
 * the database and its cookie. Sign-out ends the session on the server at once. The forms use a
 * double-submit CSRF cookie.
 */
export function registerLoginRoutes(app: Hono<AdminEnv>): void {
  app.get('/login', (c) => c.html(<LoginPage csrf={freshCsrf(c)} next={safeNext(c.req.query('next'))} />));

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const phone = field(form, 'phone');
    return step(
      c,
      form,
      (error) => <LoginPage csrf={freshCsrf(c)} next={next} phone={phone} error={error} />,
      async () => {
        const r = await c.var.services.login.requestCode(phone, clientAddress(c));
        return c.html(<CodePage csrf={freshCsrf(c)} next={next} phone={r.phone} />);
      },
    );
  });

  app.post('/login/code', async (c) => {
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const phone = field(form, 'phone');
    return step(
      c,
      form,
      (error) => <CodePage csrf={freshCsrf(c)} next={next} phone={phone} error={error} />,
      async () => {
        const { adminId } = await c.var.services.login.verify(phone, field(form, 'code'), clientAddress(c));
        const { value } = await c.var.services.sessions.start(adminId);
        setSessionCookie(c, value);
        deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/login' });
        return c.redirect(next, 303);
      },
    );
  });

  // Any role may sign out: only the session and its CSRF token are checked. The session ends in the
  // database, so a copy of the cookie kept anywhere no longer opens anything.
  app.post('/logout', dashboardAuth({ allowViewerPost: true }), async (c) => {
    await c.var.services.sessions.end(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: cookieSecure(c) });
    return c.redirect('/login', 303);
  });
}
