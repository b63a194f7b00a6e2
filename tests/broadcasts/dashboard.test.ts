import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminWorld, signInDashboard } from '../admin/support.js';
import { makeAgency, makeBuyer } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { linkTelegram } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const signIn = signInDashboard;

describe('dashboard broadcasts page', () => {
  it('composes with a preview (count and sample), sends now, shows progress and cancels', async () => {
    const w = await adminWorld(t.db);
    const opd = await makeAgency(t.db, { name: 'Dinas Kesehatan' });
    const a = await makeBuyer(t.db, { agencyId: opd.id });
    await makeBuyer(t.db, { agencyId: opd.id });
    await linkTelegram(t.db, a.phone, 42);
    const s = await signIn(w, w.people.admin.phone);
    const page = await (await s.get('/dashboard/broadcasts')).text();
    expect(page).toContain('Tulis siaran');
    expect(page).toContain('Dinas Kesehatan');

    const form = {
      kind: 'asn_agency',
      agencyId: String(opd.id),
      kecamatan: '',
      templateId: 'Halo {nama}, sisa {sisa_kuota}',
      templateEn: '',
    };
    const preview = await (await s.post('/dashboard/broadcasts/preview', form)).text();
    expect(preview).toMatch(/<strong>2<\/strong> penerima · 1 bisa dihubungi · 1 tanpa chat/);
    expect(preview).toContain(`Halo ${a.name}, sisa Rp 500.000`);
    expect(await t.db.selectFrom('broadcasts').select('id').execute()).toEqual([]);

    // The preview's send button carries a one-time request id: a double-click creates one broadcast.
    const request = /name="request" value="([A-Za-z0-9_-]+)"/.exec(preview)![1]!;
    const [created, doubleClick] = await Promise.all([
      s.post('/dashboard/broadcasts', { ...form, request, when: 'now' }),
      s.post('/dashboard/broadcasts', { ...form, request, when: 'now' }),
    ]);
    expect(created.status).toBe(303);
    expect(doubleClick.headers.get('location')).toBe(created.headers.get('location'));
    expect(await t.db.selectFrom('broadcasts').select('id').execute()).toHaveLength(1);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/dashboard\/broadcasts\/\d+$/);
    const detail = await (await s.get(location)).text();
    expect(detail).toContain('terjadwal');
    expect(detail).toMatch(/<progress max="1" value="0"/);

    // The worker's progress shows as the rows say, on the next load.
    const id = Number(location.split('/').pop());
    await t.db
      .insertInto('broadcast_recipients')
      .values([
        {
          broadcast_id: id,
          phone: a.phone,
          name: a.name,
          channel: 'telegram',
          chat_id: '42',
          language: 'id',
          params: '{}',
          status: 'sent',
          reason: null,
          updated_at: 'x',
          sent_at: 'x',
        },
        {
          broadcast_id: id,
          phone: '+628000',
          name: 'Tanpa Chat',
          channel: null,
          chat_id: null,
          language: 'id',
          params: '{}',
          status: 'failed',
          reason: 'unreachable',
          updated_at: 'x',
          sent_at: null,
        },
        {
          broadcast_id: id,
          phone: '+628001',
          name: 'Antri',
          channel: 'telegram',
          chat_id: '43',
          language: 'id',
          params: '{}',
          status: 'queued',
          reason: null,
          updated_at: 'x',
          sent_at: null,
        },
      ])
      .execute();
    await t.db.updateTable('broadcasts').set({ status: 'sending' }).where('id', '=', id).execute();
    const progress = await (await s.get(location)).text();
    expect(progress).toMatch(/<progress max="3" value="2"/);
    expect(progress).toContain('Tanpa Chat');
    expect(progress).toContain('unreachable');

    const cancelled = await s.post(`${location}/cancel`, {});
    expect(cancelled.status).toBe(303);
    expect(await (await s.get(location)).text()).toContain('dibatalkan');
    const list = await (await s.get('/dashboard/broadcasts')).text();
    expect(list).toMatch(new RegExp(`data-id="${id}"`));
  });

  it('refuses a schedule without a time and a bad template, with the reason, writing nothing', async () => {
    const w = await adminWorld(t.db);
    const s = await signIn(w, w.people.admin.phone);
    const noTime = await s.post('/dashboard/broadcasts', {
      kind: 'shops_all',
      templateId: 'Halo',
      when: 'schedule',
      at: '',
    });
    expect(noTime.status).toBe(422);
    expect(await noTime.text()).toContain('isi tanggal dan jam kirim');
    const badVar = await s.post('/dashboard/broadcasts/preview', { kind: 'shops_all', templateId: 'Halo {kuota}' });
    expect(badVar.status).toBe(422);
    expect(await badVar.text()).toContain('tidak tersedia untuk segmen ini');
    expect(await t.db.selectFrom('broadcasts').select('id').execute()).toEqual([]);
  });
});
