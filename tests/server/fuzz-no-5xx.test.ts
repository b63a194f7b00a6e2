import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { API_ROUTES } from '../../src/server/admin/openapi.js';
import { createWebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { ManualClock } from '../../src/shared/clock.js';
import { flowWorld } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, signInDashboard } from '../admin/support.js';

/**
 * Issue 19, item 4: odd input answered 500 (a ZodError not mapped, `offset=1e21` reaching SQLite, an object
 * with a `length` key where a string was expected). Every route of the OpenAPI document and every
 * dashboard page gets generated query strings, path parameters and JSON bodies: none may answer 5xx.
 */
let t: TestDb;
let w: Awaited<ReturnType<typeof adminWorld>>;
let dash: Awaited<ReturnType<typeof signInDashboard>>;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { clock: new ManualClock('2026-11-01T00:00:00Z'), buyers: 5, shopsPerKind: 2 });
  w = await adminWorld(t.db, { demo: true, chat: flowWorld(t.db).engine, webChat: createWebChatChannel() });
  dash = await signInDashboard(w, w.people.admin.phone);
});
afterAll(async () => {
  await t.cleanup();
});

/** The values people and scripts really send where a number, a month or a short string is expected. */
const oddText = fc.oneof(
  fc.constantFrom(
    'x',
    '1.5',
    '1e21',
    '1e999',
    '-1',
    '0',
    '',
    ' ',
    'NaN',
    'Infinity',
    '-0',
    '0x1f',
    '2026-13',
    '2026-11',
    '9999-99',
    '99999999999999999999',
    'null',
    'true',
    '[]',
    '{}',
    "1' or '1'='1",
    '%00',
    '\u0000',
    'ab\ncd',
    '١٢',
    '👍',
    'a'.repeat(5000),
    'pending',
    'completed',
    'admin',
  ),
  fc.string({ maxLength: 30 }),
  fc.integer().map(String),
  fc.double().map(String),
);
/** JSON values, including the shapes that slip past a careless check (an object with a `length`, arrays). */
const oddJson: fc.Arbitrary<unknown> = fc.oneof(
  oddText,
  fc.constantFrom<unknown>(
    { length: [{ toString: 'x' }] },
    { length: 3 },
    [],
    [''],
    {},
    null,
    true,
    1e308,
    -1,
    0,
    1.5,
    { toString: 'x' },
    { __proto__: { a: 1 } },
    ['a', 'b'],
  ),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

function shapeKeys(s: z.ZodType | undefined): string[] {
  const shape = (s as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

const query = (keys: string[]) =>
  fc.dictionary(fc.constantFrom(...keys, 'month', 'limit', 'offset', 'x'), oddText, { maxKeys: 4 });
const pathValue = fc.oneof(
  fc.constantFrom(
    '1',
    '0',
    '-1',
    '1.5',
    'abc',
    '1e21',
    '99999999999999999999',
    '%20',
    'PK-AAAAAA',
    'spj.csv',
    'compliance.xlsx',
    'x.pdf',
    'order_new',
  ),
  fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/),
);
const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();

function fill(path: string, values: string[]): string {
  let i = 0;
  return path.replace(/\{\w+\}|:\w+/g, () => encodeURIComponent(values[i++ % values.length] ?? '1'));
}

describe('no 5xx on odd input', () => {
  it('every API route answers generated query strings, path parameters and bodies with a 2xx, 3xx or 4xx', async () => {
    for (const r of API_ROUTES) {
      const keys = shapeKeys(r.query);
      const bodyKeys = shapeKeys(r.body);
      await fc.assert(
        fc.asyncProperty(
          query(keys),
          fc.array(pathValue, { minLength: 2, maxLength: 2 }),
          fc.dictionary(fc.constantFrom(...bodyKeys, 'x'), oddJson, { maxKeys: 6 }),
          oddJson,
          fc.boolean(),
          async (q, params, body, whole, keyed) => {
            const init: RequestInit = { method: r.method.toUpperCase() };
            if (r.method !== 'get' && r.method !== 'delete') {
              init.body = r.bodyType
                ? typeof whole === 'string'
                  ? whole
                  : JSON.stringify(whole)
                : JSON.stringify(keyed ? body : whole);
              init.headers = { 'content-type': r.bodyType ?? 'application/json' };
            }
            const url = `/api${fill(r.path, params)}?${qs(q)}`;
            const res = await w.asAdmin(url, init);
            if (res.status >= 500)
              throw new Error(
                `${r.method.toUpperCase()} ${url} ${String(init.body ?? '').slice(0, 200)} -> ${res.status} ${(await res.text()).slice(0, 200)}`,
              );
          },
        ),
        { numRuns: 40 },
      );
    }
  });

  it('every dashboard page answers generated query strings and path parameters without a 5xx', async () => {
    const pages = [
      '/dashboard',
      '/dashboard/compliance',
      '/dashboard/kecamatan',
      '/dashboard/near-cap',
      '/dashboard/orders',
      '/dashboard/orders/:key',
      '/dashboard/buyers',
      '/dashboard/shops',
      '/dashboard/shops/:id',
      '/dashboard/settings',
      '/dashboard/audit',
      '/dashboard/whatsapp',
      '/dashboard/exports/:file',
      '/dashboard/broadcasts',
      '/dashboard/broadcasts/:id',
      '/chat',
      '/chat/api/poll',
    ];
    const keys = [
      'month',
      'agencyId',
      'q',
      'status',
      'limit',
      'offset',
      'code',
      'buyerId',
      'shopId',
      'below',
      'phone',
      'chatId',
      'after',
      'page',
    ];
    for (const page of pages) {
      await fc.assert(
        fc.asyncProperty(query(keys), fc.array(pathValue, { minLength: 1, maxLength: 1 }), async (q, params) => {
          const url = `${fill(page, params)}?${qs(q)}`;
          const res = await dash.get(url);
          if (res.status >= 500) throw new Error(`GET ${url} -> ${res.status} ${(await res.text()).slice(0, 300)}`);
        }),
        { numRuns: 40 },
      );
    }
  });

  it('dashboard forms and the web chat answer generated fields without a 5xx', async () => {
    const forms: Array<[string, string[]]> = [
      ['/dashboard/shops/:id/cap', ['cap']],
      ['/dashboard/shops/:id/contacts', ['name', 'phone', 'role']],
      ['/dashboard/settings', ['key', 'value']],
      ['/dashboard/broadcasts/preview', ['segment', 'agencyId', 'kecamatan', 'text', 'textEn', 'sendAt']],
      ['/dashboard/broadcasts', ['segment', 'agencyId', 'kecamatan', 'text', 'textEn', 'sendAt']],
    ];
    for (const [path, fields] of forms) {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom(...fields), oddText, { maxKeys: fields.length }),
          pathValue,
          async (form, id) => {
            const res = await dash.post(fill(path, [id]), form);
            if (res.status >= 500)
              throw new Error(`POST ${path} ${JSON.stringify(form).slice(0, 200)} -> ${res.status}`);
          },
        ),
        { numRuns: 30 },
      );
    }
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('chatId', 'phone', 'content'), oddJson, { maxKeys: 3 }),
        oddJson,
        fc.boolean(),
        async (body, whole, keyed) => {
          const res = await w.app.request('/chat/api/send', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(keyed ? body : whole),
          });
          if (res.status >= 500)
            throw new Error(
              `POST /chat/api/send ${JSON.stringify(keyed ? body : whole).slice(0, 200)} -> ${res.status}`,
            );
        },
      ),
      { numRuns: 100 },
    );
    // With a real chat id and its CSRF token, so that the body reaches validation and the engine.
    const page = await (await w.app.request('/chat?phone=%2B628410000001')).text();
    const chatId = /data-chat-id="([^"]+)"/.exec(page)![1]!;
    const csrf = /data-csrf="([^"]+)"/.exec(page)![1]!;
    const content = fc.oneof(
      oddJson,
      fc.record(
        { kind: fc.constantFrom('text', 'option', 'photo', 'x'), text: oddJson, value: oddJson },
        { requiredKeys: ['kind'] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        content,
        fc.constantFrom<unknown>(chatId, { length: [{ toString: 'x' }] }, ''),
        async (c, id) => {
          const body = { chatId: id, phone: '+628410000001', content: c };
          const res = await w.app.request('/chat/api/send', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
            body: JSON.stringify(body),
          });
          if (res.status >= 500)
            throw new Error(`POST /chat/api/send ${JSON.stringify(body).slice(0, 200)} -> ${res.status}`);
        },
      ),
      { numRuns: 100 },
    );
    // The shapes the issue names.
    for (const body of [
      { chatId: { length: [{ toString: 'x' }] }, phone: '+628410000001', content: { kind: 'text', text: 'x' } },
      { length: [{ toString: 'x' }] },
    ]) {
      const res = await w.app.request('/chat/api/send', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBeLessThan(500);
    }
  });

  it('names the reason in the 4xx the issue found as 500s', async () => {
    // A session of its own: the API fuzz above may have disabled the first admin (POST /api/admins/:id/disable
    // with a generated id), which rightly ends that admin's sessions.
    await w.staff.add({ name: 'Admin Fuzz', phone: '081300000099', role: 'admin' }, 'test');
    const dash = await signInDashboard(w, '+6281300000099');
    const orders = await dash.get('/dashboard/orders?status=x&limit=abc');
    expect(orders.status).toBe(422);
    expect(await orders.text()).toMatch(/status|limit/);
    for (const offset of ['1.5', '1e21', '1e999', '-3']) {
      const audit = await dash.get(`/dashboard/audit?offset=${offset}`);
      expect(audit.status).toBe(422);
    }
    expect(
      (
        await w.asAdmin('/api/buyers/1', {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: { length: [{ toString: 'x' }] } }),
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await w.asAdmin('/api/broadcasts/preview', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ segment: { kind: 'all_asn' }, template: { id: { length: [{ toString: 'x' }] } } }),
        })
      ).status,
    ).toBe(422);
  });
});
