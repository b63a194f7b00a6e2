import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminWorld, json } from '../admin/support.js';
import { makeAgency, makeBuyer } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { linkTelegram } from './support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const counts = async () => ({
  broadcasts: (await t.db.selectFrom('broadcasts').select('id').execute()).length,
  recipients: (await t.db.selectFrom('broadcast_recipients').select('id').execute()).length,
  audit: (await t.db.selectFrom('audit_log').select('id').where('entity', '=', 'broadcast').execute()).length,
});

async function opdWithPeople() {
  const opd = await makeAgency(t.db, { code: 'DINKES' });
  const a = await makeBuyer(t.db, { agencyId: opd.id });
  await makeBuyer(t.db, { agencyId: opd.id });
  await linkTelegram(t.db, a.phone, 9001);
  return { opd, a };
}

describe('broadcast API', () => {
  it('creates a draft, previews it, sends it now and cancels it; each step audited with the token holder', async () => {
    const w = await adminWorld(t.db);
    const { opd, a } = await opdWithPeople();
    const created = await w.asAdmin('/api/broadcasts', {
      method: 'POST',
      ...json({
        segment: { kind: 'asn_agency', agencyId: opd.id },
        templateId: 'Halo {nama}, kurang {sisa_kuota}',
        templateEn: 'Hi {name}, {remaining} to go',
      }),
    });
    expect(created.status).toBe(201);
    const { broadcast } = (await created.json()) as { broadcast: { id: number; status: string } };
    expect(broadcast.status).toBe('draft');
    const preview = (await (await w.asAdmin(`/api/broadcasts/${broadcast.id}/preview`)).json()) as Record<
      string,
      unknown
    >;
    expect(preview).toEqual({
      count: 2,
      reachable: 1,
      unreachable: 1,
      offline: 0,
      offlineChannels: [],
      sample: { name: a.name, id: `Halo ${a.name}, kurang Rp 500.000`, en: `Hi ${a.name}, Rp 500.000 to go` },
    });
    const sent = (await (await w.asAdmin(`/api/broadcasts/${broadcast.id}/send`, { method: 'POST' })).json()) as {
      broadcast: { status: string; sendAt: string };
    };
    expect(sent.broadcast).toMatchObject({ status: 'scheduled', sendAt: '2026-11-10T03:00:00.000Z' });
    const status = (await (await w.asViewer(`/api/broadcasts/${broadcast.id}`)).json()) as {
      broadcast: { status: string };
      counts: { total: number };
    };
    expect(status).toMatchObject({ broadcast: { status: 'scheduled' }, counts: { total: 0 } });
    const cancelled = await w.asAdmin(`/api/broadcasts/${broadcast.id}/cancel`, { method: 'POST' });
    expect(((await cancelled.json()) as { broadcast: { status: string } }).broadcast.status).toBe('cancelled');
    const again = await w.asAdmin(`/api/broadcasts/${broadcast.id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity', '=', 'broadcast')
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['broadcast.create', 'broadcast.send', 'broadcast.cancel']);
    expect(new Set(audit.map((r) => r.actor)).size).toBe(1);
    const list = (await (await w.asViewer('/api/broadcasts')).json()) as { broadcasts: { id: number }[] };
    expect(list.broadcasts.map((b) => b.id)).toEqual([broadcast.id]);
  });

  it('creates one broadcast for a retried request with the same Idempotency-Key, and refuses a malformed key', async () => {
    const w = await adminWorld(t.db);
    const { opd } = await opdWithPeople();
    const body = { segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Halo {nama}', sendAt: 'now' };
    const post = (key: string) =>
      w.asAdmin('/api/broadcasts', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
      });
    const [a, b] = await Promise.all([post('retry-0001'), post('retry-0001')]);
    const ids = await Promise.all(
      [a, b].map(async (r) => ((await r.json()) as { broadcast: { id: number } }).broadcast.id),
    );
    expect(ids[0]).toBe(ids[1]);
    expect(await counts()).toMatchObject({ broadcasts: 1, audit: 1 });
    const bad = await post('x');
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toMatch(/Idempotency-Key/);
    expect(await counts()).toMatchObject({ broadcasts: 1 });
  });

  it('previews without saving, and schedules for a later time', async () => {
    const w = await adminWorld(t.db);
    const { opd } = await opdWithPeople();
    const p = await w.asAdmin('/api/broadcasts/preview', {
      method: 'POST',
      ...json({ segment: { kind: 'asn_agency', agencyId: opd.id }, templateId: 'Halo' }),
    });
    expect(((await p.json()) as { count: number }).count).toBe(2);
    expect(await counts()).toEqual({ broadcasts: 0, recipients: 0, audit: 0 });
    const r = await w.asAdmin('/api/broadcasts', {
      method: 'POST',
      ...json({ segment: { kind: 'everyone' }, templateId: 'Besok pagi', sendAt: '2026-11-11T07:00:00+07:00' }),
    });
    expect(((await r.json()) as { broadcast: { status: string; sendAt: string } }).broadcast).toMatchObject({
      status: 'scheduled',
      sendAt: '2026-11-11T00:00:00.000Z',
    });
  });

  it.each([
    ['an unknown segment', { segment: { kind: 'pegawai' }, templateId: 'x' }, /segment/],
    [
      'an OPD that does not exist',
      { segment: { kind: 'asn_agency', agencyId: 999 }, templateId: 'x' },
      /OPD 999 tidak ada/,
    ],
    [
      'a kecamatan that does not exist',
      { segment: { kind: 'shops_kecamatan', kecamatan: '35.78.99' }, templateId: 'x' },
      /kecamatan 35\.78\.99 tidak ada/,
    ],
    [
      'an unknown variable',
      { segment: { kind: 'shops_all' }, templateId: 'Halo {nama} {saldo}' },
      /\{saldo\} tidak dikenal/,
    ],
    [
      'an ASN variable for shops',
      { segment: { kind: 'shops_all' }, templateId: 'ok', templateEn: 'quota {remaining}' },
      /template_en: variabel \{remaining\} tidak tersedia/,
    ],
    ['an empty template', { segment: { kind: 'shops_all' }, templateId: '   ' }, /kosong/],
    [
      'a time in the past',
      { segment: { kind: 'shops_all' }, templateId: 'x', sendAt: '2026-11-01T07:00:00+07:00' },
      /sudah lewat/,
    ],
    [
      'a time without an offset',
      { segment: { kind: 'shops_all' }, templateId: 'x', sendAt: '2026-12-01 07:00' },
      /sendAt/,
    ],
    ['an unknown field', { segment: { kind: 'shops_all' }, templateId: 'x', text: 'y' }, /text/],
  ])('refuses %s with 422 and a clear message, writing nothing', async (_what, body, message) => {
    const w = await adminWorld(t.db);
    const res = await w.asAdmin('/api/broadcasts', { method: 'POST', ...json(body) });
    expect(res.status).toBe(422);
    const err = (await res.json()) as { error: { code: string; message: string; issues: string[] } };
    expect(err.error.code).toBe('invalid_input');
    expect([err.error.message, ...err.error.issues].join(' | ')).toMatch(message);
    expect(await counts()).toEqual({ broadcasts: 0, recipients: 0, audit: 0 });
  });

  it('lets a viewer read but not create or cancel', async () => {
    const w = await adminWorld(t.db);
    const res = await w.asViewer('/api/broadcasts', {
      method: 'POST',
      ...json({ segment: { kind: 'shops_all' }, templateId: 'x' }),
    });
    expect(res.status).toBe(403);
    expect(await counts()).toEqual({ broadcasts: 0, recipients: 0, audit: 0 });
    expect((await w.asViewer('/api/broadcasts')).status).toBe(200);
  });
});

function peken(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...t.env, DATA_DIR: t.dir },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('peken broadcast', () => {
  it('creates, previews, sends, shows status and cancels; refuses bad input with a reason and writes nothing', async () => {
    await opdWithPeople();
    const bad = peken('broadcast', 'create', '--segment', 'asn_agency', '--agency', 'DINKES', '--text', 'Halo {saldo}');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/\{saldo\} tidak dikenal/);
    const noAgency = peken('broadcast', 'create', '--segment', 'asn_agency', '--agency', 'NOPE', '--text', 'Halo');
    expect(noAgency.code).toBe(1);
    expect(noAgency.err).toMatch(/OPD NOPE tidak ada/);
    expect(await counts()).toEqual({ broadcasts: 0, recipients: 0, audit: 0 });

    const created = peken(
      'broadcast',
      'create',
      '--segment',
      'asn_agency',
      '--agency',
      'DINKES',
      '--text',
      'Halo {nama}',
      '--text-en',
      'Hi {name}',
    );
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/broadcast #1 draft: ASN satu OPD #\d+, 2 penerima \(1 bisa dihubungi, 1 tanpa chat\)/);
    expect(peken('broadcast', 'preview', '1').out).toMatch(/\[en\] Hi ASN \d+/);
    expect(peken('broadcast', 'send', '1').out).toMatch(/broadcast #1 scheduled/);
    expect(peken('broadcast', 'status', '1').out).toMatch(/#1 scheduled admin/);
    expect(peken('broadcast', 'cancel', '1').out).toMatch(/broadcast #1 cancelled/);
    const twice = peken('broadcast', 'cancel', '1');
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(/sudah dibatalkan/);
    expect(peken('broadcast', 'send', 'x').code).toBe(2);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity', '=', 'broadcast')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'broadcast.create', actor: 'cli' },
      { action: 'broadcast.send', actor: 'cli' },
      { action: 'broadcast.cancel', actor: 'cli' },
    ]);
    // Ten CLI processes, each starting tsx and opening the database: seconds each on a busy two-core machine.
  }, 180_000);
});
