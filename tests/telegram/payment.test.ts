import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTelegram, createTelegramChannel, type Telegram } from '../../bots/telegram/index.js';
import { createChat } from '../../src/app/chat.js';
import { createCore, type Core } from '../../src/app/core.js';
import { createUpdateInbox } from '../../src/chat/update-inbox.js';
import { parseQris, readQrImage } from '../../src/payments/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { waitUntil } from '../support/processes.js';
import { photoWithoutQr, qrPhoto, staticQris, withBadCrc } from '../support/qris-fixture.js';
import { button, pollingTransport, telegramUser, type TelegramUser } from './support.js';

/**
 * Issue 13 over real HTTP: grammY long-polls a fake Bot API; behind it the real engine, SQLite file, outbox,
 * BullMQ on Redis and the notify worker sending through the Telegram channel (sendPhoto as multipart).
 */
let api: FakeTelegramApi;
let core: Core;
let telegram: Telegram;
let dir: string;

const OWNER = '+6281234566661';
const BUYER = '+6281234566662';

beforeAll(async () => {
  api = await startFakeTelegramApi();
  dir = mkdtempSync(join(tmpdir(), 'peken-tg-pay-'));
  core = await createCore({
    database: join(dir, 'peken.db'),
    redisUrl: inject('redisUrl'),
    queuePrefix: `t-tg-pay-${process.pid}-${Date.now()}`,
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

let fileSeq = 0;
/** Sends a photo the way Telegram does: the update names a file, the bot downloads it. */
async function sendPhoto(user: TelegramUser, bytes: Buffer) {
  const fileId = `photo-${++fileSeq}`;
  api.putFile(fileId, bytes);
  return user.run(
    user.message({
      photo: [{ file_id: fileId, file_unique_id: `u-${fileId}`, width: 640, height: 640, file_size: bytes.length }],
      caption: '',
    }),
  );
}

const qrisOf = async (shopId: number) =>
  (await core.db.selectFrom('shops').select('qris').where('id', '=', shopId).executeTakeFirstOrThrow()).qris;
const decode = async (bytes: Buffer | null) => {
  const read = await readQrImage(bytes!);
  if (!read.ok) throw new Error(`no QR in the image: ${read.reason}`);
  return parseQris(read.text);
};

describe('Telegram: QRIS and contacts (issue 13)', () => {
  it('the owner registers the QRIS by photo and by text, confirms or refuses; bad inputs change nothing', async () => {
    const shop = await makeShop(core.db, { ownerPhone: OWNER });
    const transport = pollingTransport(api);
    const owner = telegramUser(api, transport, 3001);
    await owner.contact(OWNER.slice(1));
    const good = staticQris({ name: 'TOKO BU SRI', city: 'SURABAYA' });

    // Bad inputs, at the menu item's step: each answered, nothing stored.
    await owner.press('qris');
    expect((await owner.text(withBadCrc(good))).at(-1)!.text).toContain('angka pemeriksanya tidak cocok');
    expect((await sendPhoto(owner, await qrPhoto('https://example.com/promo'))).at(-1)!.text).toContain('bukan QRIS');
    expect((await sendPhoto(owner, await photoWithoutQr())).at(-1)!.text).toContain('tidak menemukan kode QR');
    expect((await sendPhoto(owner, Buffer.alloc(20 * 1024 * 1024, 0xff))).at(-1)!.text).toContain('terlalu besar');
    expect(await qrisOf(shop.id)).toBeNull();

    // By photo, refused with "2": still nothing.
    const echo = await sendPhoto(owner, await qrPhoto(good));
    expect(echo.at(-1)!.text).toContain('Benar ini QRIS toko Ibu: TOKO BU SRI, SURABAYA?');
    expect((await owner.text('2')).at(-1)!.text).toContain('QRIS tidak disimpan');
    expect(await qrisOf(shop.id)).toBeNull();

    // By pasted text at the menu, without the menu item: confirmed with the button.
    const echo2 = await owner.text(good);
    expect(echo2.at(-1)!.text).toContain('TOKO BU SRI, SURABAYA');
    const saved = await owner.press(button(echo2.at(-1), 'qris:yes'));
    expect(saved.at(-1)!.text).toContain('QRIS tersimpan');
    expect(await qrisOf(shop.id)).toBe(good);
    const audit = await core.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'shop.qris')
      .where('entity_id', '=', String(shop.id))
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('accept: the buyer gets the QR for the total and the shop contact, the shop the buyer; Bayar shows it again', async () => {
    const shop = await makeShop(core.db, { ownerPhone: '+6281234566663' });
    await core.db
      .updateTable('shops')
      .set({ address: 'Jl. Kapasan 7', qris: staticQris({ name: 'WARUNG KAPASAN' }) })
      .where('id', '=', shop.id)
      .execute();
    const beras = await makeProduct(core.db, shop.id, { name: 'beras', price: 63_900 });
    const buyerRow = await makeBuyer(core.db, { phone: BUYER });
    const transport = pollingTransport(api);
    const buyer = telegramUser(api, transport, 3002);
    const owner = telegramUser(api, transport, 3003);
    await buyer.contact(BUYER.slice(1));
    await owner.contact('6281234566663');

    await buyer.press(`shop:${shop.id}`);
    await buyer.press(`prod:${beras.id}`);
    await buyer.text('5');
    await buyer.press('checkout');
    expect((await buyer.press('ful:delivery')).at(-1)!.text).toContain('Ke alamat mana');
    expect((await buyer.text('-')).at(-1)!.text).toContain('"-" belum alamat');
    await buyer.text('Jl. Melati 5 RT 02, pagar hijau');
    const placed = await buyer.press('place');
    const code = /PK-[2-9A-Z]{6}/.exec(placed.at(-1)!.text)![0];
    const order = (await core.orders.getByCode(code))!;
    await waitUntil(
      async () =>
        owner
          .sentHere()
          .find((s) => s.text.includes(`Pesanan baru ${code}`) && s.text.includes('Antar ke: Jl. Melati 5')),
      15_000,
      'the new-order notice with the address',
    );

    const accepted = await owner.press(`acc:${order.id}`);
    const toShop = accepted.at(-1)!.text;
    expect(toShop).toContain(`Pembeli: ${buyerRow.name}`);
    expect(toShop).toContain(`HP: ${BUYER} (chat: https://wa.me/${BUYER.slice(1)})`);
    expect(toShop).toContain('Antar ke: Jl. Melati 5 RT 02, pagar hijau');

    // The buyer: the photo (multipart sendPhoto) with its caption, then the text with the shop's contact.
    const photo = await waitUntil(
      async () => api.photos().find((p) => p.chatId === buyer.chatId),
      15_000,
      'the QR photo',
    );
    expect(photo.caption).toContain('QRIS WARUNG KAPASAN');
    expect(photo.caption).toContain('Rp 319.500');
    expect(photo.caption).toContain(code);
    expect(await decode(photo.bytes)).toMatchObject({
      ok: true,
      qris: { amount: 319_500, merchantName: 'WARUNG KAPASAN', dynamic: true },
    });
    const notice = await waitUntil(
      async () => buyer.sentHere().find((s) => s.text.includes(`Pesanan ${code} diterima oleh`)),
      15_000,
      'the acceptance text',
    );
    expect(notice.text).toContain('Cara bayar: Transfer BCA 123');
    expect(notice.text).toContain('Alamat: Jl. Kapasan 7, Kel. ');
    expect(notice.text).toContain('HP toko: +6281234566663 (chat: https://wa.me/6281234566663)');
    const photoAt = api.sent().findIndex((s) => s.chatId === buyer.chatId && s.params.photo !== undefined);
    const textAt = api
      .sent()
      .findIndex((s) => s.chatId === buyer.chatId && s.text.includes(`Pesanan ${code} diterima oleh`));
    expect(photoAt).toBeLessThan(textAt);

    // Pesanan saya → the order → Bayar: the same QR again.
    await buyer.press('orders');
    const detail = await buyer.press(`ord:${order.id}`);
    const before = api.photos().length;
    const pay = await buyer.press(button(detail.at(-1), `bayar:${order.id}`));
    expect(api.photos()).toHaveLength(before + 1);
    const again = api.photos().at(-1)!;
    expect(again.chatId).toBe(buyer.chatId);
    expect(await decode(again.bytes)).toMatchObject({
      ok: true,
      qris: { amount: 319_500, merchantName: 'WARUNG KAPASAN' },
    });
    expect(pay.at(-1)!.text).toContain('Cara bayar lain dari toko: Transfer BCA 123');
  });
});
