import { createTokenService } from '../../src/admin/token.service.js';
import type { Db } from '../../src/db/database.js';
import { createAdminApp, type AdminAppDeps } from '../../src/server/admin/index.js';
import { makeProduct } from '../support/fixtures.js';
import { domainServices } from '../support/services.js';

export const SECRET = 'test-secret-that-is-long-enough-0123456789';

/** The admin app over a test database, with an admin and a viewer token. */
export async function adminWorld(db: Db, extra: Partial<AdminAppDeps> = {}) {
  const s = domainServices(db);
  const tokens = createTokenService({ db, clock: s.clock });
  const admin = await tokens.create({ name: 'kantor kota', role: 'admin', actor: 'test' });
  const viewer = await tokens.create({ name: 'kantor wali kota', role: 'viewer', actor: 'test' });
  const app = createAdminApp({ db, clock: s.clock, settings: s.settings, sessionSecret: SECRET, ...extra }) as unknown as {
    request: (path: string, init?: RequestInit) => Promise<Response>;
    routes: { method: string; path: string }[];
  };
  const as = (token: string) => (path: string, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) } });
  return { ...s, tokens, app, admin, viewer, asAdmin: as(admin.token), asViewer: as(viewer.token) };
}

export const json = (body: unknown): RequestInit => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** Places an order and drives it to `to` through the order service, as the chat flows would. */
export async function orderTo(
  w: ReturnType<typeof domainServices>,
  p: { buyerId: number; shopId: number; productId: number; quantity?: number },
  to: 'reserved' | 'completed' | 'rejected' | 'submitted',
) {
  const o = await w.orders.place({ buyerId: p.buyerId, shopId: p.shopId, items: [{ productId: p.productId, quantity: p.quantity ?? 1 }], fulfilment: 'delivery' });
  if (to === 'submitted') return o;
  await w.orders.reserve(o.id);
  const shop = { kind: 'shop', shopId: p.shopId } as const;
  if (to === 'rejected') return w.orders.reject(o.id, shop, 'habis');
  if (to === 'completed') {
    await w.orders.accept(o.id, shop);
    await w.orders.markDelivered(o.id, shop);
    return w.orders.confirmPaid(o.id, shop);
  }
  return (await w.orders.get(o.id))!;
}

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

export const cookieHeader = (jar: Record<string, string>) => Object.entries(jar).filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`).join('; ');

/**
 * Signs in through the login form like a browser. Returns the login response, the cookie jar, the
 * session's CSRF token (read from the dashboard), and get/post helpers that carry both.
 */
export async function signInDashboard(w: Awaited<ReturnType<typeof adminWorld>>, token: string) {
  const form = await w.app.request('/login');
  const jar = cookiesOf(form);
  const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const res = await w.app.request('/login', {
    method: 'POST',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: loginCsrf, token, next: '/dashboard' }).toString(),
  });
  Object.assign(jar, cookiesOf(res));
  const page = await w.app.request('/dashboard', { headers: { cookie: cookieHeader(jar) } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  const get = (path: string) => w.app.request(path, { headers: { cookie: cookieHeader(jar) } });
  const post = (path: string, fields: Record<string, string>) =>
    w.app.request(path, { method: 'POST', headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf ?? '', ...fields }).toString() });
  return { res, jar, csrf, get, post };
}
