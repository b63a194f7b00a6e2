import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTelegram, createTelegramChannel, type Telegram } from '../../bots/telegram/index.js';
import { createChat } from '../../src/app/chat.js';
import { createCore, type Core } from '../../src/app/core.js';
import { createUpdateInbox } from '../../src/chat/update-inbox.js';
import { ledger } from '../../src/ledger/index.js';
import { orderEvents } from '../../src/orders/order-event.repository.js';
import { parseQris, readQrImage } from '../../src/payments/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { qrPhoto, staticQris } from '../support/qris-fixture.js';
import { button, buttonsOf, pollingTransport, telegramUser } from './support.js';

/**
 * Issue 13's whole second half over real HTTP: grammY long-polls a fake Bot API; behind it the real engine,
 * SQLite file, outbox, BullMQ on Redis and the notify worker. Accept → the QR and the shop's contact →
 * "sudah bayar" with a receipt photo → the shop's "1 sudah" → delivered → completed → a receipt to both.
 */
let api: FakeTelegramApi;
let core: Core;
let telegram: Telegram;
let dir: string;

const OWNER = '+6281234577771';
const BUYER = '+6281234577772';

beforeAll(async () => {
  api = await startFakeTelegramApi();
  dir = mkdtempSync(join(tmpdir(), 'peken-tg-settle-'));
  core = await createCore({
    database: join(dir, 'peken.db'),
    redisUrl: inject('redisUrl'),
    queuePrefix: `t-tg-settle-${process.pid}-${Date.now()}`,
    workerConcurrency: 4,
    workerLockMs: 5000,
    sweepIntervalMs: 60_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 50,
    logger: silentLogger(),
    workers: true,
  });
  const channel = createTelegramChannel({ token: api.token, apiRoot: api.url });
  const chat = createChat(core, { telegram: channel });
  // Telegram broadcasts from this process too, which marks the channel alive for the listing.
  core.startWorkers(chat.delivery, { broadcastChannels: { telegram: channel } });
  telegram = createTelegram({
    token: api.token,
    apiRoot: api.url,
    handler: chat.engine,
    dataDir: dir,
    logger: silentLogger(),
    inbox: createUpdateInbox({ db: core.db, clock: core.clock, channel: 'telegram' }),
  });
  await telegram.start();
});

afterAll(async () => {
  await telegram?.stop();
  await core?.queues.orders.obliterate({ force: true }).catch(() => {});
  await core?.close();
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Telegram: paid and received from both sides (issue 13)', () => {
  it('accept, QR and contact, "sudah bayar" with a receipt photo, the shop confirms, completed, receipts, ledger verified', async () => {
    const shop = await makeShop(core.db, { ownerPhone: OWNER });
    await core.db
      .updateTable('shops')
      .set({ address: 'Jl. Kapasan 7', qris: staticQris({ name: 'WARUNG KAPASAN' }) })
      .where('id', '=', shop.id)
      .execute();
    const beras = await makeProduct(core.db, shop.id, { name: 'beras', price: 65_000 });
    const buyerRow = await makeBuyer(core.db, { phone: BUYER });
    const transport = pollingTransport(api);
    const buyer = telegramUser(api, transport, 4101);
    const owner = telegramUser(api, transport, 4102);
    await buyer.contact(BUYER.slice(1));
    await owner.contact(OWNER.slice(1));

    const placed = await core.orders.place({
      buyerId: buyerRow.id,
      shopId: shop.id,
      items: [{ productId: beras.id, quantity: 2 }],
      fulfilment: 'pickup',
    });
    const code = placed.code;
    await waitUntil(
      async () => owner.sentHere().find((s) => s.text.includes(`Pesanan baru ${code}`)),
      15_000,
      'the new-order notice',
    );
    await owner.press(`acc:${placed.id}`);

    // The buyer gets the payable QR for the total and the shop's contact (pay's part, checked here as a step).
    const qr = await waitUntil(async () => api.photos().find((p) => p.chatId === buyer.chatId), 15_000, 'the QR photo');
    const read = await readQrImage(qr.bytes!);
    expect(read.ok && parseQris(read.text)).toMatchObject({
      ok: true,
      qris: { amount: 130_000, merchantName: 'WARUNG KAPASAN' },
    });
    await waitUntil(
      async () => buyer.sentHere().find((s) => s.text.includes(`HP toko: ${OWNER}`)),
      15_000,
      'the shop contact',
    );

    // "Sudah bayar" from the order's detail: how (transfer), then a photo of the receipt.
    await buyer.press('orders');
    const detail = await buyer.press(`ord:${placed.id}`);
    const how = await buyer.press(button(detail.at(-1), `spaid:${placed.id}`));
    expect(how.at(-1)!.text).toContain('Bayar pakai apa?');
    const askPhoto = await buyer.press(button(how.at(-1), `spm:transfer:${placed.id}`));
    expect(askPhoto.at(-1)!.text).toContain('Kirim foto bukti bayar');
    api.putFile('receipt-1', await qrPhoto('BUKTI TRANSFER 130000'));
    const claimed = await buyer.run(
      buyer.message({
        photo: [{ file_id: 'receipt-1', file_unique_id: 'u-receipt-1', width: 640, height: 640, file_size: 1000 }],
        caption: '',
      }),
    );
    expect(claimed.at(-1)!.text).toContain(`Pembayaran pesanan ${code} (Rp 130.000, transfer) dicatat`);
    const receiptPath = (await core.orders.get(placed.id))!.payment_receipt;
    expect(receiptPath).toMatch(/media/);

    // The shop is asked with the receipt photo attached, and answers with a bare "1".
    const question = await waitUntil(
      async () =>
        api
          .photos()
          .find((p) => p.chatId === owner.chatId && p.caption.includes('Pembeli bilang sudah bayar Rp 130.000')),
      15_000,
      'the shop asked, with the photo',
    );
    expect(question.caption).toContain('sudah diterima?');
    expect(buttonsOf({ text: question.caption, params: question.params })).toEqual([
      `paid:${placed.id}`,
      `unpaid:${placed.id}`,
    ]);
    await owner.text('1');
    expect((await core.orders.get(placed.id))!.paid_at).not.toBeNull();

    // Picked up: the shop marks it, the order completes, both get the receipt.
    await owner.press(`dlv:${placed.id}`);
    const done = (await core.orders.get(placed.id))!;
    expect(done.status).toBe('completed');
    for (const who of [buyer, owner]) {
      const r = await waitUntil(
        async () => who.sentHere().find((s) => s.text.includes(`🧾 Struk ${code}`)),
        15_000,
        'the receipt',
      );
      expect(r.text).toContain('2 × beras (kg) @ Rp 65.000 = Rp 130.000');
      expect(r.text).toContain('Total: Rp 130.000');
      expect(r.text).toContain(`Pembeli: ${buyerRow.name}`);
      expect(r.text).toContain(`Toko: ${shop.name}`);
      expect(r.text).toContain('Dibayar: transfer');
      expect(r.text).toMatch(/Waktu: \d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB/);
    }
    expect(await ledger.shopBalance(core.db, shop.id, done.period!)).toEqual({ held: 0, committed: 130_000 });
    expect(await ledger.verify(core.db)).toMatchObject({ ok: true, mismatches: [], brokenOrders: [] });
    const log = await orderEvents(core.db, placed.id);
    expect(log.map((e) => [e.event, e.actorKind, e.channel, e.to])).toEqual([
      ['accepted', 'shop', 'telegram', 'accepted'],
      ['buyer_paid', 'buyer', 'telegram', 'accepted'],
      ['shop_received', 'shop', 'telegram', 'accepted'],
      ['delivered', 'shop', 'telegram', 'completed'],
    ]);
  });
});
