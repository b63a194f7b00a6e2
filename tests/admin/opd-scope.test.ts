import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAgency, makeBuyer } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, cookieHeader, json, signInDashboard } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

/** Two OPDs with one ASN each, and the first OPD's own admin signed in. */
async function twoOpds() {
  const w = await adminWorld(t.db);
  const own = await makeAgency(t.db, { code: 'DINKOP', name: 'Dinas Koperasi' });
  const other = await makeAgency(t.db, { code: 'DINKES', name: 'Dinas Kesehatan' });
  const mine = await makeBuyer(t.db, { agencyId: own.id });
  const theirs = await makeBuyer(t.db, { agencyId: other.id });
  await t.all(`update buyers set name = ? where id = ?`, 'Sari Milik Koperasi', mine.id);
  await t.all(`update buyers set name = ? where id = ?`, 'Budi Milik Kesehatan', theirs.id);
  await w.staff.add({ name: 'Admin Koperasi', phone: '081300000003', role: 'opd_admin', agencyCode: 'DINKOP' }, 'test');
  const s = await signInDashboard(w, '+6281300000003');
  const api = (path: string, init: RequestInit = {}) =>
    w.app.request(path, {
      ...init,
      headers: {
        cookie: cookieHeader(s.jar),
        'x-csrf-token': s.csrf!,
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  return { w, s, api, own, other, mine, theirs };
}

let nips = 0;
const nextNip = () => `1985050520100${String(20_000 + ++nips).slice(-5)}`;
const rosterCsv = (rows: string[]) =>
  ['nip,name,phone,agency_code,agency_name,position_class,domicile_kelurahan,office_kelurahan', ...rows].join('\n');

describe('an opd_admin on the API', () => {
  it('reads only its own OPD: compliance, ASN; another OPD or a city-wide report is refused', async () => {
    const { api, own, other } = await twoOpds();
    const compliance = (await (await api('/api/reports/compliance?month=2026-11')).json()) as {
      agencies: { agencyId: number }[];
    };
    expect(compliance.agencies.map((a) => a.agencyId)).toEqual([own.id]);
    const buyers = (await (await api('/api/buyers')).json()) as { buyers: { name: string }[] };
    expect(buyers.buyers.map((b) => b.name)).toEqual(['Sari Milik Koperasi']);
    expect((await api(`/api/buyers?agencyId=${other.id}`)).status).toBe(403);
    expect((await api(`/api/reports/compliance/buyers?agencyId=${other.id}&month=2026-11`)).status).toBe(403);
    for (const path of [
      '/api/reports/overview',
      '/api/orders',
      '/api/shops',
      '/api/audit',
      '/api/settings',
      '/api/admins',
      '/api/ledger/verify',
    ]) {
      expect((await api(path)).status, path).toBe(403);
    }
  });

  it('edits only its own ASN and cannot move one to another OPD; nothing changes when refused', async () => {
    const { api, mine, theirs } = await twoOpds();
    expect(
      (
        await api(`/api/buyers/${theirs.id}`, {
          method: 'PATCH',
          ...json({ name: 'Diambil Alih' }),
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api(`/api/buyers/${mine.id}`, {
          method: 'PATCH',
          body: JSON.stringify({ agencyCode: 'DINKES' }),
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(403);
    const ok = await api(`/api/buyers/${mine.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ name: 'Sari Koperasi' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(ok.status).toBe(200);
    const names = await t.all(
      `select b.name, a.code from buyers b join agencies a on a.id = b.agency_id order by b.id`,
    );
    expect(names).toEqual([
      { name: 'Sari Koperasi', code: 'DINKOP' },
      { name: 'Budi Milik Kesehatan', code: 'DINKES' },
    ]);
    const audit = await t.all(`select actor from audit_log where action = 'buyer.edit'`);
    expect(audit).toEqual([{ actor: 'opd_admin:Admin Koperasi (+6281300000003)' }]);
  });

  it('imports roster rows of its own OPD only: a row of another OPD, or another OPD’s ASN, rejects the file', async () => {
    const { api, theirs } = await twoOpds();
    const before = await t.one(`select count(*) n from buyers`);
    const foreignRow = await api('/api/roster/import', {
      method: 'POST',
      body: rosterCsv([`${nextNip()},Orang Baru,081277700001,DINKES,,pelaksana,,35.78.07.1001`]),
      headers: { 'content-type': 'text/csv' },
    });
    expect(foreignRow.status).toBe(422);
    expect(JSON.stringify(await foreignRow.json())).toContain('agency_code must be DINKOP (your OPD)');
    const takeOver = await api('/api/roster/import', {
      method: 'POST',
      body: rosterCsv([`${theirs.nip},Budi Pindah,${theirs.phone},DINKOP,,pelaksana,,35.78.07.1001`]),
      headers: { 'content-type': 'text/csv' },
    });
    expect(takeOver.status).toBe(422);
    expect(JSON.stringify(await takeOver.json())).toContain('this ASN belongs to another OPD');
    expect(await t.one(`select count(*) n from buyers`)).toEqual(before);
    const fine = await api('/api/roster/import', {
      method: 'POST',
      body: rosterCsv([`${nextNip()},Orang Baru,081277700002,DINKOP,,pelaksana,,35.78.07.1001`]),
      headers: { 'content-type': 'text/csv' },
    });
    expect(fine.status).toBe(200);
    expect(await fine.json()).toMatchObject({ inserted: 1 });
  });

  it('broadcasts only to its own OPD’s ASN, and sees only those broadcasts', async () => {
    const { w, api, own, other } = await twoOpds();
    const send = (agencyId: number) =>
      api('/api/broadcasts', {
        method: 'POST',
        body: JSON.stringify({ segment: { kind: 'asn_agency', agencyId }, templateId: 'Halo {nama}' }),
        headers: { 'content-type': 'application/json' },
      });
    expect((await send(other.id)).status).toBe(403);
    expect(
      (
        await api('/api/broadcasts', {
          method: 'POST',
          body: JSON.stringify({ segment: { kind: 'everyone' }, templateId: 'Halo' }),
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(403);
    const created = await send(own.id);
    expect(created.status).toBe(201);
    const cityWide = (await (
      await w.asAdmin('/api/broadcasts', {
        method: 'POST',
        ...json({ segment: { kind: 'asn_agency', agencyId: other.id }, templateId: 'Halo' }),
      })
    ).json()) as { broadcast: { id: number } };
    const listed = (await (await api('/api/broadcasts')).json()) as { broadcasts: { id: number }[] };
    expect(listed.broadcasts.map((b) => b.id)).toEqual([
      ((await created.json()) as { broadcast: { id: number } }).broadcast.id,
    ]);
    expect((await api(`/api/broadcasts/${cityWide.broadcast.id}`)).status).toBe(404);
    expect((await api(`/api/broadcasts/${cityWide.broadcast.id}/cancel`, { method: 'POST' })).status).toBe(404);
    expect(await t.one(`select status from broadcasts where id = ?`, cityWide.broadcast.id)).toEqual({
      status: 'draft',
    });
  });
});

describe('an opd_admin on the dashboard', () => {
  it('starts on its OPD’s compliance, sees only its OPD and ASN, and is refused every city-wide page and action', async () => {
    const { s, other } = await twoOpds();
    const start = await s.get('/dashboard');
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toMatch(/^\/dashboard\/compliance/);
    const compliance = await (await s.get('/dashboard/compliance?month=2026-11')).text();
    expect(compliance).toContain('Dinas Koperasi');
    expect(compliance).not.toContain('Dinas Kesehatan');
    expect((await s.get(`/dashboard/compliance?agencyId=${other.id}`)).status).toBe(403);
    const buyers = await (await s.get('/dashboard/buyers')).text();
    expect(buyers).toContain('Sari Milik Koperasi');
    expect(buyers).not.toContain('Budi Milik Kesehatan');
    for (const path of [
      '/dashboard/kecamatan',
      '/dashboard/orders',
      '/dashboard/shops',
      '/dashboard/settings',
      '/dashboard/audit',
      '/dashboard/review',
    ]) {
      expect((await s.get(path)).status, path).toBe(403);
    }
    expect((await s.post('/dashboard/settings', { key: 'shop_monthly_cap', value: '1' })).status).toBe(403);
    const broadcasts = await (await s.get('/dashboard/broadcasts')).text();
    expect(broadcasts).toContain('Dinas Koperasi');
    expect(broadcasts).not.toContain('Dinas Kesehatan');
    expect(
      (
        await s.post('/dashboard/broadcasts', {
          kind: 'asn_agency',
          agencyId: String(other.id),
          templateId: 'Halo',
          when: 'now',
        })
      ).status,
    ).toBe(403);
    expect(await t.one(`select count(*) n from broadcasts`)).toEqual({ n: 0 });
    expect(await t.one(`select value from settings where key = 'shop_monthly_cap'`)).not.toEqual({
      value: '1',
    });
  });
});
