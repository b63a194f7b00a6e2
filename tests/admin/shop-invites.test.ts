import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readQrImage } from '../../src/payments/read-qr-image.js';
import { createShopInviteService } from '../../src/shops/shop-invite.service.js';
import { makeShop } from '../support/fixtures.js';
import { flowWorld, lastText } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld, signInDashboard } from './support.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const ONLY_WEB_RUNS = async () => new Set(['web'] as const);

/** The row of one shop on the invitations page, or undefined. */
const rowOf = (html: string, shopId: number) =>
  new RegExp(`<tr data-shop-id="${shopId}">([\\s\\S]*?)</tr>`).exec(html)?.[1];
const linkIn = (row: string, channel: string) =>
  new RegExp(`data-channel="${channel}"><label>[^<]*<input readonly="" value="([^"]+)"`).exec(row)?.[1];

describe('dashboard: invitations for shops nobody can answer for (issue 14)', () => {
  it('lists a verified shop with no linked chat on a running channel, not a reachable one, with links whose QR codes are those links', async () => {
    const unlinked = await makeShop(t.db);
    const reachable = await makeShop(t.db, { linked: true });
    const pending = await makeShop(t.db, { status: 'pending' });
    // Linked only on WhatsApp, which no process runs: as unreachable as a shop without any chat.
    const onDeadChannel = await makeShop(t.db, { ownerPhone: '+6281234590003' });
    await t.db
      .insertInto('chat_links')
      .values({
        channel: 'whatsapp',
        chat_id: '6281234590003@c.us',
        phone: '+6281234590003',
        role: 'shop',
        shop_id: onDeadChannel.id,
        linked_at: new Date().toISOString(),
      })
      .execute();
    const w = await adminWorld(t.db, {
      liveChannels: ONLY_WEB_RUNS,
      invites: { telegramUsername: () => 'peken_test_bot', whatsappNumber: '+6281200000001' },
    });
    const s = await signInDashboard(w, w.people.admin.phone);

    const html = await (await s.get('/dashboard/invites')).text();
    expect(rowOf(html, unlinked.id)).toBeDefined();
    expect(rowOf(html, onDeadChannel.id)).toBeDefined();
    expect(rowOf(html, reachable.id)).toBeUndefined();
    expect(rowOf(html, pending.id)).toBeUndefined();

    const row = rowOf(html, unlinked.id)!;
    const wa = linkIn(row, 'whatsapp')!;
    const tg = linkIn(row, 'telegram')!;
    const web = linkIn(row, 'web')!;
    const param = /text=(toko_[a-z2-7]{16})$/.exec(wa)?.[1];
    expect(param, wa).toBeDefined();
    expect(wa).toBe(`https://wa.me/6281200000001?text=${param}`);
    expect(tg).toBe(`https://t.me/peken_test_bot?start=${param}`);
    expect(web).toBe(`http://localhost/chat?start=${param}`);
    // Each shop its own random code: another shop's link says nothing about this one's.
    const otherParam = /text=(toko_[a-z2-7]{16})$/.exec(linkIn(rowOf(html, onDeadChannel.id)!, 'whatsapp')!)?.[1];
    expect(otherParam).toBeDefined();
    expect(otherParam).not.toBe(param);

    for (const [channel, link] of [
      ['whatsapp', wa],
      ['telegram', tg],
      ['web', web],
    ] as const) {
      const png = await s.get(`/dashboard/invites/${unlinked.id}/qr.png?channel=${channel}`);
      expect(png.headers.get('content-type')).toBe('image/png');
      const read = await readQrImage(Buffer.from(await png.arrayBuffer()));
      expect(read).toEqual({ ok: true, text: link });
    }
    // A reachable shop has no invitation to print.
    expect((await s.get(`/dashboard/invites/${reachable.id}/qr.png?channel=whatsapp`)).status).toBe(404);

    // The printable page: the shop's name, a big QR per chat app, steps in Bahasa Indonesia.
    const print = await (await s.get(`/dashboard/invites/print?shopId=${unlinked.id}`)).text();
    expect(print).toContain(`<h1>${unlinked.name}</h1>`);
    expect(print).toContain(`/dashboard/invites/${unlinked.id}/qr.png?channel=whatsapp`);
    expect(print).toContain(`/dashboard/invites/${unlinked.id}/qr.png?channel=telegram`);
    expect(print).not.toContain('channel=web');
    expect(print).toContain('Tekan tombol Kirim');
    expect(print).not.toContain(onDeadChannel.name);
  });

  it('says a channel is not set up instead of showing a broken link', async () => {
    const shop = await makeShop(t.db);
    const w = await adminWorld(t.db, { liveChannels: ONLY_WEB_RUNS, invites: {} });
    const s = await signInDashboard(w, w.people.admin.phone);
    const row = rowOf(await (await s.get('/dashboard/invites')).text(), shop.id)!;
    expect(row).toContain('data-missing="WHATSAPP_NUMBER"');
    expect(row).toContain('data-missing="TELEGRAM_BOT_USERNAME"');
    expect(row).not.toContain('wa.me');
    expect(row).not.toContain('t.me');
    expect((await s.get(`/dashboard/invites/${shop.id}/qr.png?channel=whatsapp`)).status).toBe(404);
    // The demo web chat is always there; the printed page falls back to it.
    expect(linkIn(row, 'web')).toMatch(/^http:\/\/localhost\/chat\?start=toko_[a-z2-7]{16}$/);
    expect(await (await s.get(`/dashboard/invites/print?shopId=${shop.id}`)).text()).toContain('channel=web');
  });

  it('an admin regenerates a code (audited): the old link stops working; a viewer cannot', async () => {
    const shop = await makeShop(t.db);
    const w = await adminWorld(t.db, { liveChannels: ONLY_WEB_RUNS, invites: { whatsappNumber: '+6281200000001' } });
    const invites = createShopInviteService({ db: t.db, clock: w.clock });
    const admin = await signInDashboard(w, w.people.admin.phone);
    const paramNow = async () =>
      /text=(toko_[a-z2-7]{16})/.exec(rowOf(await (await admin.get('/dashboard/invites')).text(), shop.id)!)![1]!;
    const old = await paramNow();
    expect(await invites.resolve(old)).toEqual({ shopId: shop.id, shopName: shop.name });

    const viewer = await signInDashboard(w, w.people.viewer.phone);
    expect((await viewer.post(`/dashboard/invites/${shop.id}/regenerate`, {})).status).toBe(403);
    expect(await paramNow()).toBe(old);

    expect((await admin.post(`/dashboard/invites/${shop.id}/regenerate`, {})).status).toBe(303);
    const fresh = await paramNow();
    expect(fresh).not.toBe(old);
    expect(await invites.resolve(old)).toBeUndefined();
    expect(await invites.resolve(fresh)).toEqual({ shopId: shop.id, shopName: shop.name });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'shop.invite.regenerate')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: expect.stringContaining('Bu Admin Kota (+6281300000001)'),
      entity_id: String(shop.id),
    });
    // The code is what lets a contact link: it is not written to the log.
    expect(JSON.stringify(audit[0])).not.toContain(fresh.slice(5));
  });

  it("the web chat link carries the parameter into the message box; sent from the shop's number it links that shop", async () => {
    const OWNER = '+628420009001';
    const shop = await makeShop(t.db, { ownerPhone: OWNER });
    const f = flowWorld(t.db);
    const w = await adminWorld(t.db, { demo: true, chat: f.engine, liveChannels: ONLY_WEB_RUNS });
    const s = await signInDashboard(w, w.people.admin.phone);
    const link = linkIn(rowOf(await (await s.get('/dashboard/invites')).text(), shop.id)!, 'web')!;
    const param = new URL(link).searchParams.get('start')!;
    // The picker keeps it; the chat page puts it in the message box, to be sent as WhatsApp's prefilled text is.
    expect(await (await w.app.request(`/chat?start=${param}`)).text()).toContain(
      `<input type="hidden" name="start" value="${param}"/>`,
    );
    expect(await (await w.app.request(`/chat?phone=${encodeURIComponent(OWNER)}&start=${param}`)).text()).toMatch(
      new RegExp(`<input id="text"[^>]*value="${param}"`),
    );
    const sent = lastText(await f.chat('web-owner', { channel: 'web', senderPhone: OWNER }).text(param));
    expect(sent).toContain(`tersambung dengan ${shop.name}`);
    expect(rowOf(await (await s.get('/dashboard/invites')).text(), shop.id)).toBeUndefined();
  });
});
