import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAgency, makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, json, orderTo } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const HEADER = 'nip,name,phone,agency_code,agency_name,position_class,domicile_kelurahan,office_kelurahan';

describe('API writes', () => {
  it('rejects an invalid body with 422 and names each bad field', async () => {
    const w = await adminWorld(t.db);
    const res = await w.asAdmin('/api/shops', { method: 'POST', ...json({ code: '!', name: 'x', kind: 'warung' }) });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string; issues: string[] } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.issues.join('\n')).toMatch(/code/);
    expect(body.error.issues.join('\n')).toMatch(/kind/);
    expect(body.error.issues.join('\n')).toMatch(/ownerPhone/);
    expect(await t.db.selectFrom('shops').selectAll().execute()).toHaveLength(0);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const w = await adminWorld(t.db);
    const shop = await makeShop(t.db);
    const res = await w.asAdmin(`/api/shops/${shop.id}/cap`, {
      method: 'PUT',
      body: '{nope',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('rejects a roster with bad rows with 422, their line numbers, and writes nothing', async () => {
    const w = await adminWorld(t.db);
    const csv = [
      HEADER,
      '198001012005011001,Budi Santoso,081234567801,DISKOP,Dinas Koperasi,pelaksana,Jemur Wonosari,Jemur Wonosari',
      '12345,Ani,081234567802,DISKOP,Dinas Koperasi,pelaksana,Jemur Wonosari,Jemur Wonosari',
      '198001012005011003,Citra,0999,DISKOP,Dinas Koperasi,pelaksana,Jemur Wonosari,Jemur Wonosari',
    ].join('\n');
    const res = await w.asAdmin('/api/roster/import', {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; rows: { line: number; reason: string }[] } };
    expect(body.error.code).toBe('import_rejected');
    expect(body.error.rows.map((r) => r.line)).toEqual([3, 4]);
    expect(JSON.stringify(body)).not.toContain('12345,'); // the bad NIP is not echoed
    expect(await t.db.selectFrom('buyers').selectAll().execute()).toHaveLength(0);
  });

  it('answers a roster of 5,000 bad rows with the first 200 and the count, not a body of megabytes (issue 19)', async () => {
    const w = await adminWorld(t.db);
    const bad = Array.from(
      { length: 5000 },
      (_, i) => `12345${i},Ani,081234567802,DISKOP,Dinas Koperasi,pelaksana,Jemur Wonosari,Jemur Wonosari`,
    );
    const res = await w.asAdmin('/api/roster/import', {
      method: 'POST',
      body: [HEADER, ...bad].join('\n'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text.length).toBeLessThan(100_000);
    const body = JSON.parse(text) as {
      error: { code: string; message: string; rows: { line: number }[]; rejectedCount: number };
    };
    expect(body.error.rejectedCount).toBe(5000);
    expect(body.error.rows).toHaveLength(200);
    expect(body.error.rows[0]!.line).toBe(2);
    expect(body.error.message).toMatch(/^5000 baris ditolak/);
    expect(await t.db.selectFrom('buyers').selectAll().execute()).toHaveLength(0);
    // Every bad row, downloadable as CSV (line, reason); only for an admin, and not under another id.
    const url = (body.error as { report?: string }).report!;
    expect(url).toMatch(/^\/api\/roster\/import\/rejects\/[A-Za-z0-9_-]{22}$/);
    expect(body.error.message).toContain(url);
    const report = await w.asAdmin(url);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(report.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = (await report.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(5001);
    expect(lines[0]).toBe('line,reason');
    expect(lines[1]).toMatch(/^2,NIP must be 18 digits/);
    expect(lines[5000]).toMatch(/^5001,NIP must be 18 digits/);
    expect((await w.app.request(url)).status).toBe(401);
    expect((await w.asAdmin(`${url.slice(0, -1)}${url.endsWith('A') ? 'B' : 'A'}`)).status).toBe(404);
  });

  it('imports a good roster and records who did it', async () => {
    const w = await adminWorld(t.db);
    const csv = `${HEADER}\n198001012005011001,Budi Santoso,081234567801,DISKOP,Dinas Koperasi,pelaksana,Jemur Wonosari,Jemur Wonosari\n`;
    const res = await w.asAdmin('/api/roster/import', {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'roster.import')
      .executeTakeFirstOrThrow();
    expect(audit.actor).toBe(`admin:kantor kota#${w.admin.id}`);
  });

  it('verifies a pending shop and audits who, what, before and after', async () => {
    const w = await adminWorld(t.db);
    const shop = await makeShop(t.db, { status: 'pending' });
    const res = await w.asAdmin(`/api/shops/${shop.id}/verify`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ shop: { id: shop.id, status: 'active' } });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'shop.verify')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor: `admin:kantor kota#${w.admin.id}`,
      entity: 'shop',
      entity_id: String(shop.id),
    });
    expect(JSON.parse(audit.before!)).toEqual({ status: 'pending' });
    expect(JSON.parse(audit.after!)).toEqual({ status: 'active' });
    // Verifying a suspended shop is not a verification: 409, nothing changes.
    await w.asAdmin(`/api/shops/${shop.id}/suspend`, { method: 'POST' });
    expect((await w.asAdmin(`/api/shops/${shop.id}/verify`, { method: 'POST' })).status).toBe(409);
  });

  it('sets and clears a cap override, adds and removes a helper, and audits each change', async () => {
    const w = await adminWorld(t.db);
    const shop = await makeShop(t.db);
    expect((await w.asAdmin(`/api/shops/${shop.id}/cap`, { method: 'PUT', ...json({ cap: 5_000_000 }) })).status).toBe(
      200,
    );
    expect((await w.asAdmin(`/api/shops/${shop.id}/cap`, { method: 'PUT', ...json({ cap: -1 }) })).status).toBe(422);
    expect((await w.asAdmin(`/api/shops/${shop.id}/cap`, { method: 'PUT', ...json({ cap: null }) })).status).toBe(200);
    const add = await w.asAdmin(`/api/shops/${shop.id}/contacts`, {
      method: 'POST',
      ...json({ phone: '0812 9999 0001', name: 'Mbak Sri' }),
    });
    expect(add.status).toBe(201);
    const { contact } = (await add.json()) as { contact: { id: number; phone: string; role: string } };
    expect(contact).toMatchObject({ phone: '+6281299990001', role: 'helper' });
    expect((await w.asAdmin(`/api/shops/${shop.id}/contacts/${contact.id}`, { method: 'DELETE' })).status).toBe(204);
    const actions = (await t.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('shop.'))).toEqual([
      'shop.cap',
      'shop.cap',
      'shop.contact.add',
      'shop.contact.remove',
    ]);
    const owner = (
      await t.db.selectFrom('shop_contacts').select('id').where('shop_id', '=', shop.id).executeTakeFirstOrThrow()
    ).id;
    expect((await w.asAdmin(`/api/shops/${shop.id}/contacts/${owner}`, { method: 'DELETE' })).status).toBe(409);
  });

  it('edits a buyer, refuses an unknown position class, and keeps the NIP out of the audit', async () => {
    const w = await adminWorld(t.db);
    const agency = await makeAgency(t.db, { code: 'DISKOP' });
    const buyer = await makeBuyer(t.db);
    const bad = await w.asAdmin(`/api/buyers/${buyer.id}`, { method: 'PATCH', ...json({ positionClass: 'raja' }) });
    expect(bad.status).toBe(422);
    const ok = await w.asAdmin(`/api/buyers/${buyer.id}`, {
      method: 'PATCH',
      ...json({ name: 'Budi Baru', agencyCode: 'DISKOP', active: false }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ buyer: { name: 'Budi Baru', agencyId: agency.id, active: false } });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'buyer.edit')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toEqual({ name: 'Budi Baru', agency_id: agency.id, active: 0 });
    expect(`${audit.before}${audit.after}`).not.toContain(buyer.nip);
  });

  it('sets a setting through the settings service (validated, audited)', async () => {
    const w = await adminWorld(t.db);
    expect(
      (await w.asAdmin('/api/settings/shop_monthly_cap', { method: 'PUT', ...json({ value: 'banyak' }) })).status,
    ).toBe(422);
    const res = await w.asAdmin('/api/settings/shop_monthly_cap', { method: 'PUT', ...json({ value: 25_000_000 }) });
    expect(await res.json()).toEqual({ key: 'shop_monthly_cap', value: 25_000_000 });
    expect(await w.settings.get('shop_monthly_cap')).toBe(25_000_000);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'settings.set')
      .executeTakeFirstOrThrow();
    expect(audit.actor).toMatch(/^admin:/);
  });

  it('finds orders by code, shop and status and shows one with its items and ledger entries', async () => {
    const w = await adminWorld(t.db);
    const buyer = await makeBuyer(t.db);
    const shop = await makeShop(t.db);
    const product = await makeProduct(t.db, shop.id, { price: 20_000 });
    const done = await orderTo(
      w,
      { buyerId: buyer.id, shopId: shop.id, productId: product.id, quantity: 2 },
      'completed',
    );
    await orderTo(w, { buyerId: buyer.id, shopId: shop.id, productId: product.id }, 'rejected');
    const byStatus = (await (
      await w.asViewer(`/api/orders?shopId=${shop.id}&status=completed&month=2026-11`)
    ).json()) as { orders: { code: string }[] };
    expect(byStatus.orders.map((o) => o.code)).toEqual([done.code]);
    const byCode = (await (await w.asViewer(`/api/orders?code=${done.code}`)).json()) as { orders: unknown[] };
    expect(byCode.orders).toHaveLength(1);
    const detail = (await (await w.asViewer(`/api/orders/${done.code}`)).json()) as {
      order: { total: number };
      items: unknown[];
      entries: { kind: string; account: string }[];
    };
    expect(detail.order.total).toBe(40_000);
    expect(detail.items).toHaveLength(1);
    expect(detail.entries.map((e) => `${e.kind} ${e.account}`).sort()).toEqual([
      `commit buyer:${buyer.id}`,
      `commit shop:${shop.id}`,
      `hold buyer:${buyer.id}`,
      `hold shop:${shop.id}`,
    ]);
    expect((await w.asViewer('/api/orders?status=bogus')).status).toBe(422);
    expect((await w.asViewer('/api/orders/PK-NOPE00')).status).toBe(404);
    const bal = (await (await w.asViewer(`/api/ledger/balances?kind=shop&id=${shop.id}&month=2026-11`)).json()) as {
      balances: { held: number; committed: number }[];
    };
    expect(bal.balances[0]).toMatchObject({ held: 0, committed: 40_000 });
    expect(await (await w.asViewer('/api/ledger/verify')).json()).toMatchObject({ ok: true });
  });
});
