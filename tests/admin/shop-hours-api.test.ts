import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('shop opening hours on the admin API (issue 14)', () => {
  it('sets a shop’s hours (audited), refuses bad times and viewers, and shows the default until then', async () => {
    const w = await adminWorld(t.db);
    const shop = await makeShop(t.db);
    expect(await (await w.asViewer(`/api/shops/${shop.id}/hours`)).json()).toMatchObject({
      hours: { open: '06:00', close: '21:00', own: false },
    });
    for (const bad of [
      { open: '25:00', close: '21:00' },
      { open: '07:00', close: '07:00' },
      { open: '07:00' },
      'jam 7',
    ]) {
      expect((await w.asAdmin(`/api/shops/${shop.id}/hours`, { method: 'PUT', ...json(bad) })).status).toBe(422);
    }
    expect(
      (await w.asViewer(`/api/shops/${shop.id}/hours`, { method: 'PUT', ...json({ open: '07:00', close: '20:00' }) }))
        .status,
    ).toBe(403);
    expect(
      await t.db
        .selectFrom('shops')
        .select(['opens_at', 'closes_at'])
        .where('id', '=', shop.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ opens_at: null, closes_at: null });
    const res = await w.asAdmin(`/api/shops/${shop.id}/hours`, {
      method: 'PUT',
      ...json({ open: '07:00', close: '20:00' }),
    });
    expect(await res.json()).toMatchObject({ hours: { open: '07:00', close: '20:00', own: true } });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'after'])
      .where('action', '=', 'shop.hours')
      .executeTakeFirstOrThrow();
    expect(audit.actor).toMatch(/^admin:/);
    expect(JSON.parse(audit.after!)).toMatchObject({ opens_at: '07:00', closes_at: '20:00' });
    expect(
      (await w.asAdmin('/api/shops/99999/hours', { method: 'PUT', ...json({ open: '07:00', close: '20:00' }) })).status,
    ).toBe(404);
  });
});
