import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, cookieHeader, guessCode, loginWithCode, signInDashboard } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const sessions = async () => (await t.one<{ n: number }>(`select count(*) n from admin_sessions`))!;
const wrong = (sent: string | undefined) => String((Number(sent) + 1) % 1_000_000).padStart(6, '0');

describe('sign-in by a code sent to the chat', () => {
  it('sends a 6-digit code to a known phone, stores only its hash, and opens the dashboard with it', async () => {
    const w = await adminWorld(t.db);
    const { asked, res, jar } = await loginWithCode(w, '0813-0000-0001');
    expect(asked.status).toBe(200);
    const code = w.codes.get('+6281300000001')!;
    expect(code).toMatch(/^\d{6}$/);
    const stored = await t.all<{ code_hash: string }>(`select code_hash from admin_login_codes`);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.code_hash).not.toContain(code);
    expect(res.status).toBe(303);
    expect((await w.app.request('/dashboard', { headers: { cookie: cookieHeader(jar) } })).status).toBe(200);
  });

  it('answers an unknown phone exactly as a known one, and sends it nothing', async () => {
    const w = await adminWorld(t.db);
    const known = await loginWithCode(w, '081300000001', { code: () => '000000' });
    const unknown = await loginWithCode(w, '081399999999', { code: () => '000000' });
    const strip = (html: string) => html.replace(/value="[^"]+"/g, '').replace(/\+62\d+/g, 'PHONE');
    expect(unknown.asked.status).toBe(known.asked.status);
    expect(strip(unknown.codePage)).toBe(strip(known.codePage));
    expect(w.codes.has('+6281399999999')).toBe(false);
    expect(unknown.res.status).toBe(401);
    expect(await unknown.res.text()).toContain('Kode salah, kedaluwarsa atau sudah dipakai.');
  });

  it('refuses an expired code (after 5 minutes) and a reused one', async () => {
    const w = await adminWorld(t.db);
    const late = await loginWithCode(w, '081300000001', {
      code: (sent) => {
        w.clock.advance(5 * 60_000 + 1);
        return sent!;
      },
    });
    expect(late.res.status).toBe(401);
    expect(late.res.headers.getSetCookie().some((c) => c.startsWith('peken_session='))).toBe(false);

    const first = await loginWithCode(w, '081300000001');
    expect(first.res.status).toBe(303);
    const used = w.codes.get('+6281300000001')!;
    // The same code again, through a fresh form: single use.
    const again = await loginWithCode(w, '081300000002', { code: () => used });
    expect(again.res.status).toBe(401);
    const replay = await loginWithCode(w, '081300000001', { code: () => used });
    // A new code was sent for the second request; the old one is refused all the same.
    expect(w.codes.get('+6281300000001')).not.toBe(used);
    expect(replay.res.status).toBe(401);
    expect((await sessions()).n).toBe(1);
  });

  it('stops guessing per phone: after 5 wrong codes even the right one is refused, from any address, and other phones still sign in', async () => {
    const w = await adminWorld(t.db, { trustProxy: true });
    const attacker = { 'x-forwarded-for': '203.0.113.7' };
    // A code was asked for (so one is live), then guessed at.
    await loginWithCode(w, '081300000001', { code: wrong, headers: attacker });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await guessCode(w, '081300000001', wrong(w.codes.get('+6281300000001')), attacker)).status);
    // The first wrong code was the one in loginWithCode: the 5th failure is the 4th guess; then locked.
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    // Locked: the real admin from their own address, with the right code, is told to wait.
    const locked = await loginWithCode(w, '081300000001', { headers: { 'x-forwarded-for': '198.51.100.1' } });
    expect(locked.res.status).toBe(429);
    expect(locked.res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await sessions()).n).toBe(0);
    // Another person behind the same proxy is not locked out by the attacker.
    expect((await loginWithCode(w, '081300000002', { headers: attacker })).res.status).toBe(303);
    // After the window the phone can sign in again.
    w.clock.advance(15 * 60_000 + 1);
    expect((await loginWithCode(w, '081300000001')).res.status).toBe(303);
  });

  it('stops one address trying many phones, without locking out the other addresses behind the same proxy', async () => {
    const w = await adminWorld(t.db, { trustProxy: true, loginLimits: { perAddress: 5 } });
    const attacker = { 'x-forwarded-for': '10.9.9.9, 203.0.113.7' };
    const statuses: number[] = [];
    // Each try is two requests (phone, then code): the third try's code is the 6th request, over the limit of 5.
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await loginWithCode(w, `08139000000${i}`, { code: () => '123456', headers: attacker })).res.status,
      );
    expect(statuses).toEqual([401, 401, 429, 429]);
    // Only the proxy's own (last) X-Forwarded-For entry counts: a forged first entry does not escape the limit.
    expect(
      (await loginWithCode(w, '081390000009', { headers: { 'x-forwarded-for': '1.1.1.1, 203.0.113.7' } })).res.status,
    ).toBe(429);
    expect(
      (await loginWithCode(w, '081300000001', { headers: { 'x-forwarded-for': '198.51.100.1' } })).res.status,
    ).toBe(303);
  });

  it('signing out ends the session on the server: the old cookie replayed no longer opens the dashboard', async () => {
    const w = await adminWorld(t.db);
    const s = await signInDashboard(w, w.people.admin.phone);
    const old = cookieHeader(s.jar);
    expect((await s.post('/logout', {})).status).toBe(303);
    const replay = await w.app.request('/dashboard', { headers: { cookie: old } });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toMatch(/^\/login/);
    expect((await w.app.request('/api/buyers', { headers: { cookie: old } })).status).toBe(401);
  });

  it('audits a dashboard action with the person who did it', async () => {
    const w = await adminWorld(t.db);
    const s = await signInDashboard(w, w.people.admin.phone);
    expect((await s.post('/dashboard/settings', { key: 'shop_monthly_cap', value: '25000000' })).status).toBe(303);
    const row = (await t.one<{ actor: string }>(
      `select actor from audit_log where action like 'setting%' order by id desc`,
    ))!;
    expect(row.actor).toBe('admin:Bu Admin Kota (+6281300000001)');
  });
});
