import { normalizePhone } from '../../src/shared/phone.js';
import type { LoginCodeSender, LoginLimits } from '../../src/admin/login.service.js';
import { buildServices } from '../../src/app/services.js';
import type { BroadcastService } from '../../src/broadcasts/broadcast.service.js';
import type { ChannelName as ChatChannelName } from '../../src/chat/ports.js';
import type { Db } from '../../src/db/database.js';
import { createAdminApp, type AdminAppDeps } from '../../src/server/admin/index.js';
import { makeProduct } from '../support/fixtures.js';
import { domainServices } from '../support/services.js';

// Shared with tests outside this folder: it lives beside domainServices.
export { orderTo } from '../support/services.js';

export const SECRET = 'test-secret-that-is-long-enough-0123456789';

/** The server's options, and the few service knobs a test sets (src/app/services.ts). */
type WorldOptions = Partial<Omit<AdminAppDeps, 'services'>> & {
  broadcasts?: BroadcastService;
  liveChannels?: () => Promise<ReadonlySet<ChatChannelName> | null>;
  loginLimits?: Partial<LoginLimits>;
  sendLoginCode?: LoginCodeSender;
  newWebChatLimit?: { max: number; windowMs: number };
};

/**
 * The admin app over a test database, with an admin and a viewer token (machines) and an admin and a viewer
 * person (people sign in on the dashboard). Sign-in codes are caught at the chat port: `codes` holds the last
 * code sent to each phone.
 */
export async function adminWorld(db: Db, extra: WorldOptions = {}) {
  const s = domainServices(db);
  const { broadcasts, liveChannels, loginLimits, sendLoginCode: send, newWebChatLimit, ...server } = extra;
  const codes = new Map<string, string>();
  const sendLoginCode = async (phone: string, code: string) => (codes.set(phone, code), true);
  const services = buildServices({
    db,
    clock: s.clock,
    liveChannels,
    login: { secret: SECRET, limits: loginLimits, send: send ?? sendLoginCode, logger: server.logger },
    newWebChatLimit,
  });
  // A test may hand in another process's broadcast service (the one that knows which channels run).
  if (broadcasts) services.broadcasts = broadcasts;
  const { tokens, staff } = services;
  const admin = await tokens.create({ name: 'kantor kota', role: 'admin', actor: 'test' });
  const viewer = await tokens.create({ name: 'kantor wali kota', role: 'viewer', actor: 'test' });
  // A second world on the same database (two apps, one city) shares the people of the first.
  const person = async (name: string, phone: string, role: 'admin' | 'viewer') =>
    (await staff.list()).find((a) => a.phone === phone) ?? staff.add({ name, phone, role }, 'test');
  const people = {
    admin: await person('Bu Admin Kota', '+6281300000001', 'admin'),
    viewer: await person('Pak Pemantau', '+6281300000002', 'viewer'),
  };
  const app = createAdminApp({
    services,
    sessionSecret: SECRET,
    ...server,
  }) as unknown as {
    request: (path: string, init?: RequestInit) => Promise<Response>;
    routes: { method: string; path: string }[];
  };
  const as =
    (token: string) =>
    (path: string, init: RequestInit = {}) =>
      app.request(path, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) },
      });
  return {
    ...s,
    tokens,
    staff,
    people,
    codes,
    app,
    admin,
    viewer,
    asAdmin: as(admin.token),
    asViewer: as(viewer.token),
  };
}

export const json = (body: unknown): RequestInit => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

export { makeProduct };

/** The cookies a response sets, as `name=value` pairs for the next request's Cookie header. */
export function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    out[pair!.slice(0, i)] = pair!.slice(i + 1);
  }
  return out;
}

export const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

const formCsrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

/** Posts a login form with the cookie jar, keeping the cookies it sets; `base` for an https origin. */
async function postForm(
  w: { app: { request: (path: string, init?: RequestInit) => Promise<Response> } },
  path: string,
  jar: Record<string, string>,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const res = await w.app.request(path, {
    method: 'POST',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  Object.assign(jar, cookiesOf(res));
  return res;
}

/**
 * The two steps of /login like a browser: the phone, then `code` (default: the code the chat port caught).
 * Returns the code step's response, the cookie jar and the code page of the first step.
 */
export async function loginWithCode(
  w: Awaited<ReturnType<typeof adminWorld>>,
  phone: string,
  p: { code?: (sent: string | undefined) => string; headers?: Record<string, string>; origin?: string } = {},
) {
  const origin = p.origin ?? '';
  const form = await w.app.request(`${origin}/login`);
  const jar = cookiesOf(form);
  const asked = await postForm(
    w,
    `${origin}/login`,
    jar,
    { _csrf: formCsrf(await form.text()), phone, next: '/dashboard' },
    p.headers,
  );
  const codePage = await asked.text();
  if (asked.status !== 200) return { asked, res: asked, jar, codePage };
  const sent = w.codes.get(normalizePhone(phone) ?? phone);
  const res = await postForm(
    w,
    `${origin}/login/code`,
    jar,
    { _csrf: formCsrf(codePage), phone, code: p.code ? p.code(sent) : (sent ?? ''), next: '/dashboard' },
    p.headers,
  );
  return { asked, res, jar, codePage };
}

/** One guess at /login/code with a fresh login form (as an attacker's script would), without asking for a code. */
export async function guessCode(
  w: Awaited<ReturnType<typeof adminWorld>>,
  phone: string,
  code: string,
  headers: Record<string, string> = {},
) {
  const form = await w.app.request('/login');
  const jar = cookiesOf(form);
  return postForm(
    w,
    '/login/code',
    jar,
    { _csrf: formCsrf(await form.text()), phone, code, next: '/dashboard' },
    headers,
  );
}

/**
 * Signs in through the login forms like a browser, with the code the chat port caught. Returns the sign-in
 * response, the cookie jar, the session's CSRF token (read from the dashboard), and get/post helpers that
 * carry both.
 */
export async function signInDashboard(w: Awaited<ReturnType<typeof adminWorld>>, phone: string) {
  const { res, jar } = await loginWithCode(w, phone);
  let page = await w.app.request('/dashboard', { headers: { cookie: cookieHeader(jar) } });
  // An opd_admin's start page is its OPD's compliance.
  if (page.status === 303 && page.headers.get('location')?.startsWith('/dashboard'))
    page = await w.app.request(page.headers.get('location')!, { headers: { cookie: cookieHeader(jar) } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  const get = (path: string) => w.app.request(path, { headers: { cookie: cookieHeader(jar) } });
  const post = (path: string, fields: Record<string, string>) =>
    w.app.request(path, {
      method: 'POST',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf ?? '', ...fields }).toString(),
    });
  return { res, jar, csrf, get, post };
}
