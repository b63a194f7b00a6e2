import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { createHttpApp } from '../../src/server/http-app.js';
import { createWebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { ManualClock } from '../../src/shared/clock.js';
import { adminWorld } from '../admin/support.js';
import { flowWorld } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
let app: ReturnType<typeof createHttpApp>;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, { clock: new ManualClock('2026-11-01T00:00:00Z'), buyers: 3, shopsPerKind: 1 });
  const w = await adminWorld(t.db, { demo: true, chat: flowWorld(t.db).engine, webChat: createWebChatChannel() });
  app = createHttpApp({
    health: async () => ({ status: 'ok' }) as never,
    mounts: [{ path: '/', app: w.app as never }],
  });
});
afterAll(async () => {
  await t.cleanup();
});

describe('Content-Security-Policy (issue 19)', () => {
  it('allows scripts only from this origin or with the per-request nonce, which the web chat script carries', async () => {
    const res = await app.request('/chat?phone=%2B628410000001');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = await res.text();
    expect(html).toContain(`<script nonce="${nonce}">`);
    // A new nonce for every response.
    const again = (await app.request('/chat?phone=%2B628410000001')).headers.get('content-security-policy');
    expect(again).not.toContain(nonce!);
  });

  it('sends the policy on the dashboard, the API and /healthz', async () => {
    for (const path of ['/login', '/api/orders', '/healthz']) {
      expect((await app.request(path)).headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    }
  });
});
