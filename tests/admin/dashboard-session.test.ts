import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, cookieHeader, loginWithCode, signInDashboard } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

type World = Awaited<ReturnType<typeof adminWorld>>;
const signIn = signInDashboard;

const post = (w: World, path: string, jar: Record<string, string>, fields: Record<string, string>) =>
  w.app.request(path, {
    method: 'POST',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

describe('dashboard sessions', () => {
  it('signs in with the code sent to the chat and sets an httpOnly SameSite=Lax session cookie', async () => {
    const w = await adminWorld(t.db);
    const { res, jar, csrf } = await signIn(w, w.people.admin.phone);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('peken_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=28800/);
    expect(cookie).not.toMatch(/Secure/); // plain http in tests; https requests get Secure
    expect(csrf).toBeTruthy();
    expect((await w.app.request('/dashboard', { headers: { cookie: cookieHeader(jar) } })).status).toBe(200);
  });

  it('marks the cookie Secure on https, and on plain http behind a trusted TLS proxy (TRUST_PROXY)', async () => {
    const w = await adminWorld(t.db);
    const https = await loginWithCode(w, w.people.admin.phone, { origin: 'https://peken.example' });
    expect(https.res.headers.getSetCookie().find((c) => c.startsWith('peken_session='))).toMatch(/Secure/);
    const proxied = await adminWorld(t.db, { trustProxy: true });
    const behind = await loginWithCode(proxied, proxied.people.viewer.phone);
    expect(behind.res.status).toBe(303);
    expect(behind.res.headers.getSetCookie().find((c) => c.startsWith('peken_session='))).toMatch(/Secure/);
  });

  it('sends a visitor without a session, or with a made-up one, to the sign-in page', async () => {
    const w = await adminWorld(t.db);
    const res = await w.app.request('/dashboard/compliance');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fdashboard%2Fcompliance');
    const { jar } = await signIn(w, w.people.viewer.phone);
    const forged = `${jar.peken_session!.slice(0, -2)}${jar.peken_session!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await w.app.request('/dashboard', { headers: { cookie: `peken_session=${forged}` } })).status).toBe(303);
  });

  it('ends a session idle for 8 hours: pages redirect to sign-in and forms get 401; use keeps it alive', async () => {
    const w = await adminWorld(t.db);
    const shop = await makeShop(t.db, { status: 'pending' });
    const { jar, csrf } = await signIn(w, w.people.admin.phone);
    w.clock.advance(7 * 3_600_000);
    expect((await w.app.request('/dashboard', { headers: { cookie: cookieHeader(jar) } })).status).toBe(200);
    w.clock.advance(7 * 3_600_000);
    expect((await w.app.request('/dashboard', { headers: { cookie: cookieHeader(jar) } })).status).toBe(200);
    w.clock.advance(8 * 3_600_000 + 1);
    const page = await w.app.request('/dashboard', { headers: { cookie: cookieHeader(jar) } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/login/);
    expect((await post(w, `/dashboard/shops/${shop.id}/verify`, jar, { _csrf: csrf! })).status).toBe(401);
  });

  it('ends the sessions of a disabled admin at once, and audits who disabled them', async () => {
    const w = await adminWorld(t.db);
    const { jar } = await signIn(w, w.people.viewer.phone);
    const admin = await signIn(w, w.people.admin.phone);
    await w.app.request(`/api/admins/${w.people.viewer.id}/disable`, {
      method: 'POST',
      headers: { cookie: cookieHeader(admin.jar), 'x-csrf-token': admin.csrf! },
    });
    expect((await w.app.request('/dashboard', { headers: { cookie: cookieHeader(jar) } })).status).toBe(303);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'admin.disable')
      .executeTakeFirstOrThrow();
    expect(audit.actor).toBe('admin:Bu Admin Kota (+6281300000001)');
    expect(audit.entity_id).toBe(String(w.people.viewer.id));
  });

  it('refuses a form post without the CSRF token with 403 and changes nothing; with it, the change is made', async () => {
    const w = await adminWorld(t.db);
    const shop = await makeShop(t.db, { status: 'pending' });
    const { jar, csrf } = await signIn(w, w.people.admin.phone);
    expect((await post(w, `/dashboard/shops/${shop.id}/verify`, jar, {})).status).toBe(403);
    expect((await post(w, `/dashboard/shops/${shop.id}/verify`, jar, { _csrf: 'wrong' })).status).toBe(403);
    expect(
      (await t.db.selectFrom('shops').select('status').where('id', '=', shop.id).executeTakeFirstOrThrow()).status,
    ).toBe('pending');
    const ok = await post(w, `/dashboard/shops/${shop.id}/verify`, jar, { _csrf: csrf! });
    expect(ok.status).toBe(303);
    expect(
      (await t.db.selectFrom('shops').select('status').where('id', '=', shop.id).executeTakeFirstOrThrow()).status,
    ).toBe('active');
  });

  it('shows a viewer no admin buttons and refuses a viewer post with 403', async () => {
    const w = await adminWorld(t.db);
    const shop = await makeShop(t.db, { status: 'pending' });
    const { jar, csrf } = await signIn(w, w.people.viewer.phone);
    const html = await (await w.app.request('/dashboard/shops', { headers: { cookie: cookieHeader(jar) } })).text();
    expect(html).toContain(shop.code);
    expect(html).not.toContain('Verifikasi');
    expect((await post(w, `/dashboard/shops/${shop.id}/verify`, jar, { _csrf: csrf! })).status).toBe(403);
    expect((await post(w, '/logout', jar, { _csrf: csrf! })).status).toBe(303);
  });

  it('refuses a sign-in post without the login form token', async () => {
    const w = await adminWorld(t.db);
    const res = await post(w, '/login', {}, { phone: w.people.admin.phone });
    expect(res.status).toBe(403);
    expect(w.codes.size).toBe(0);
  });

  it('keeps Bull Board behind an admin session', async () => {
    const { Queue } = await import('bullmq');
    const { Redis } = await import('ioredis');
    const { inject } = await import('vitest');
    const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    const queue = new Queue('orders', { connection, prefix: `admin-test-${process.pid}-${Date.now()}` });
    try {
      const w = await adminWorld(t.db, { queues: [queue] });
      expect((await w.app.request('/admin/queues')).status).toBe(303);
      const viewer = await signIn(w, w.people.viewer.phone);
      expect((await w.app.request('/admin/queues', { headers: { cookie: cookieHeader(viewer.jar) } })).status).toBe(
        403,
      );
      const admin = await signIn(w, w.people.admin.phone);
      const page = await w.app.request('/admin/queues', { headers: { cookie: cookieHeader(admin.jar) } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('"boardTitle":"peken"');
      const api = await w.app.request('/admin/queues/api/queues', { headers: { cookie: cookieHeader(admin.jar) } });
      expect(api.status).toBe(200);
      expect(JSON.stringify(await api.json())).toContain('orders');
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('shows the WhatsApp session state and its pairing QR as SVG', async () => {
    const w = await adminWorld(t.db, { whatsappStatus: () => ({ state: 'qr', qr: '2@pairing-code-from-whatsapp' }) });
    const { jar } = await signIn(w, w.people.viewer.phone);
    const html = await (await w.app.request('/dashboard/whatsapp', { headers: { cookie: cookieHeader(jar) } })).text();
    expect(html).toContain('<strong id="wa-state">qr</strong>');
    expect(html).toMatch(/<svg[^>]*viewBox/);
    const none = await adminWorld(t.db);
    const off = await signIn(none, none.people.viewer.phone);
    expect(
      await (await none.app.request('/dashboard/whatsapp', { headers: { cookie: cookieHeader(off.jar) } })).text(),
    ).not.toContain('<svg');
  });
});
