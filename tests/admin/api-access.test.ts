import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../src/server/admin/openapi.js';
import { makeShop } from '../support/fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, json } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

describe('API access', () => {
  it('answers 401 with the error shape when there is no token', async () => {
    const w = await adminWorld(t.db);
    const res = await w.app.request('/api/reports/overview');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('answers 401 for an unknown, a revoked and an expired token', async () => {
    const w = await adminWorld(t.db);
    expect((await w.app.request('/api/settings', { headers: { authorization: 'Bearer pk_nope' } })).status).toBe(401);
    await w.tokens.revoke(w.viewer.id, 'test');
    expect((await w.asViewer('/api/settings')).status).toBe(401);
    const short = await w.tokens.create({ name: 'sebentar', role: 'admin', days: 1, actor: 'test' });
    const req = () => w.app.request('/api/settings', { headers: { authorization: `Bearer ${short.token}` } });
    expect((await req()).status).toBe(200);
    w.clock.advance(86_400_000 + 1);
    expect((await req()).status).toBe(401);
  });

  it('stores only the sha256 of a token, never the token', async () => {
    const w = await adminWorld(t.db);
    const rows = await t.all<{ token_hash: string }>('select token_hash from api_tokens');
    expect(rows.map((r) => r.token_hash)).not.toContain(w.admin.token);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets a viewer read but answers 403 to any write, and changes nothing', async () => {
    const w = await adminWorld(t.db);
    const shop = await makeShop(t.db, { status: 'pending' });
    expect((await w.asViewer('/api/shops')).status).toBe(200);
    const res = await w.asViewer(`/api/shops/${shop.id}/verify`, { method: 'POST' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await w.asViewer('/api/settings/order_max', { method: 'PUT', ...json({ value: 5 }) })).status).toBe(403);
    const after = await t.db.selectFrom('shops').select('status').where('id', '=', shop.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('pending');
  });

  it('describes every API route it serves in the OpenAPI document', async () => {
    const w = await adminWorld(t.db);
    const res = await w.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const served = new Set(
      w.app.routes
        .filter(
          (r) =>
            r.path.startsWith('/api/') && r.method !== 'ALL' && r.path !== '/api/openapi.json' && !r.path.endsWith('*'),
        )
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect(served.size).toBeGreaterThan(20);
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.has(r))).toEqual([]);
    expect(buildOpenApi()).toEqual(doc);
  });
});
