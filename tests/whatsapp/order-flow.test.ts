import { afterEach, describe, expect, it } from 'vitest';
import { ledger } from '../../src/ledger/index.js';
import { periodOf } from '../../src/shared/period.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { choose, gatewayWorld } from './gateway-world.js';

let world: Awaited<ReturnType<typeof gatewayWorld>> | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const OWNER = '+6281234544444';
const BUYER = '+6281234555555';
const jid = (phone: string) => `${phone.slice(1)}@c.us`;

describe('an order through the WhatsApp gateway', () => {
  it('goes from buyer to shop and back over WhatsApp, paced, and ends with the ledger commit', async () => {
    world = await gatewayWorld();
    const w = world;
    const shop = await makeShop(w.db, { ownerPhone: OWNER, kelurahan: '35.78.07.1003' });
    await makeProduct(w.db, shop.id, { name: 'beras', price: 65_000 });
    const buyerRow = await makeBuyer(w.db, { phone: BUYER, kelurahan: '35.78.07.1003' });
    const owner = w.person(jid(OWNER));
    const buyer = w.person(jid(BUYER));

    // Both are linked from the number WhatsApp gives, without being asked for it.
    expect(await owner.say('halo')).toContain(shop.name);
    let r = await buyer.say('halo');
    expect(r).toContain(buyerRow.name);
    r = await buyer.say(choose(r, 'Belanja'));
    r = await buyer.say(choose(r, shop.name));
    expect(r).toContain('beras');
    r = await buyer.say('1 2'); // two of item 1
    expect(r).toContain('2 × beras');
    r = await buyer.say(choose(r, 'Lihat keranjang'));
    expect(r).toMatch(/Total: Rp\s130\.000/);
    r = await buyer.say(choose(r, 'Pesan sekarang'));
    r = await buyer.say(choose(r, 'Antar ke alamat saya'));
    r = await buyer.say('Jl. Melati 5, pagar hijau');
    expect(r).toContain('Jl. Melati 5');
    r = await buyer.say(choose(r, 'Ya, pesan'));
    const code = /PK-[2-9A-Z]{6}/.exec(r)?.[0];
    expect(code, r).toBeDefined();
    const order = (await w.core.orders.getByCode(code!))!;

    // The shop hears of it through the notify queue of its channel and answers with a bare 1.
    const notice = await w.waitForText(owner.jid, `Pesanan baru ${code}`);
    expect(notice).toMatch(/1\. Terima/);
    const ownerBefore = owner.count();
    r = await owner.say('1');
    expect(r).toContain(`Pesanan ${code} diterima`);
    expect((await w.core.orders.get(order.id))!.status).toBe('accepted');
    expect(await w.waitForText(buyer.jid, `Pesanan ${code} diterima oleh`)).toContain('Transfer BCA 123');

    // Delivered, received by the buyer, paid: completed.
    const buyerBefore = buyer.count();
    r = await owner.say(choose(r, 'Sudah diantar'));
    await w.waitForText(buyer.jid, 'Sudah Anda terima?', buyerBefore);
    expect(await buyer.say('1')).toContain('Terima kasih');
    r = await owner.say(choose(r, 'Pembayaran sudah diterima'));
    expect(r).toContain(`Pesanan ${code} selesai`);
    expect(owner.count()).toBeGreaterThan(ownerBefore);
    expect((await w.core.orders.get(order.id))!.status).toBe('completed');

    const period = periodOf(w.core.clock.now());
    expect(await ledger.shopBalance(w.db, shop.id, period)).toEqual({ held: 0, committed: 130_000 });
    expect(await ledger.buyerBalance(w.db, buyerRow.id, period)).toEqual({ held: 0, committed: 130_000 });
    const commits = await w.db
      .selectFrom('ledger_entries')
      .select(['account', 'amount'])
      .where('order_id', '=', order.id)
      .where('kind', '=', 'commit')
      .execute();
    expect(commits.map((c) => c.account).sort()).toEqual([`buyer:${buyerRow.id}`, `shop:${shop.id}`]);

    // Every notice went out on WhatsApp, through the WhatsApp notify queue, one send at a time.
    const notices = await w.db
      .selectFrom('notifications')
      .select(['template', 'status', 'channel'])
      .where('order_id', '=', order.id)
      .execute();
    expect(notices.length).toBeGreaterThanOrEqual(3);
    // Completion sends several notices (to both sides, receipts included); wait until none is queued.
    const settled = await waitUntil(
      async () => {
        const rows = await w.db
          .selectFrom('notifications')
          .select(['status', 'channel'])
          .where('order_id', '=', order.id)
          .execute();
        return rows.every((n) => n.status !== 'queued') ? rows : null;
      },
      20_000,
      'every notice of the order to be sent',
    );
    expect(
      settled.every((n) => n.status === 'sent' && n.channel === 'whatsapp'),
      JSON.stringify(settled),
    ).toBe(true);
    const counts = await w.core.notifyQueues.forChannel('whatsapp').getJobCounts('completed');
    expect(counts.completed).toBe(settled.length);
    expect(w.wa.pacer.stats()).toMatchObject({ maxInFlight: 1, maxInFlightPerChat: 1, failed: 0 });
    const all = w.sends().sort((a, b) => a.startedAt - b.startedAt);
    const gaps = all.slice(1).map((s, i) => s.startedAt - all[i]!.endedAt);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5); // WHATSAPP_INTERVAL_MS of this world
  }, 60_000);
});
