import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledger } from '../../src/ledger/index.js';
import { orderEvents } from '../../src/orders/order-event.repository.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { flowWorld, lastText, optionValues } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const OWNER = '+6281234544444';
const BUYER = '+6281234555555';
const OTHER = '+6281234566666';

/** A linked shop owner and buyer, and an order the shop accepted. */
async function accepted(w: ReturnType<typeof flowWorld>) {
  const shop = await makeShop(t.db, { ownerPhone: OWNER });
  const beras = await makeProduct(t.db, shop.id, { name: 'beras', price: 65_000 });
  const gula = await makeProduct(t.db, shop.id, { name: 'gula', price: 17_500 });
  const buyer = await makeBuyer(t.db, { phone: BUYER });
  const owner = w.chat('chat-owner');
  await owner.contact(OWNER);
  const buyerChat = w.chat('chat-buyer');
  await buyerChat.contact(BUYER);
  const order = await w.orders.place({
    buyerId: buyer.id,
    shopId: shop.id,
    items: [
      { productId: beras.id, quantity: 2 },
      { productId: gula.id, quantity: 1 },
    ],
    fulfilment: 'pickup',
  });
  await w.orders.reserve(order.id);
  await w.orders.accept(order.id, { kind: 'shop', shopId: shop.id });
  await w.deliverQueued();
  return { shop, buyer, owner, buyerChat, order };
}

const sentTo = (w: ReturnType<typeof flowWorld>, chatId: string) => w.telegram.sent.filter((s) => s.chatId === chatId);

describe('paid and received from both sides', () => {
  it('buyer says "sudah bayar" with a receipt photo, the shop answers 1, the order completes and both get the receipt', async () => {
    const w = flowWorld(t.db);
    const { owner, buyerChat, order, shop, buyer } = await accepted(w);

    const detail = await buyerChat.option(`ord:${order.id}`);
    expect(optionValues(detail)).toContain(`spaid:${order.id}`);
    const ask = await buyerChat.option(`spaid:${order.id}`);
    expect(lastText(ask)).toContain('Bayar pakai apa?');
    const askPhoto = await buyerChat.text('2'); // Transfer
    expect(lastText(askPhoto)).toContain('Kirim foto bukti bayar');
    const claimed = await buyerChat.photo('/media/telegram/receipt-1.jpg', '');
    expect(lastText(claimed)).toContain(`Pembayaran pesanan ${order.code} (Rp 147.500, transfer) dicatat`);
    expect(await w.orders.get(order.id)).toMatchObject({
      status: 'accepted',
      payment_method: 'transfer',
      payment_receipt: '/media/telegram/receipt-1.jpg',
      paid_at: null,
    });

    await w.deliverQueued();
    const question = sentTo(w, 'chat-owner').at(-1)!;
    expect(question.message.text).toContain(
      `Pembeli bilang sudah bayar Rp 147.500 untuk pesanan ${order.code} (transfer). Foto bukti bayar terlampir, sudah diterima?`,
    );
    expect(question.message.options!.map((o) => o.value)).toEqual([`paid:${order.id}`, `unpaid:${order.id}`]);

    // The shop answers with a bare "1" (sudah); the goods were picked up (buyer confirms), so it completes.
    await owner.text('1');
    expect((await w.orders.get(order.id))!.paid_at).not.toBeNull();
    await buyerChat.option(`recv:${order.id}`);
    const done = (await w.orders.get(order.id))!;
    expect(done.status).toBe('completed');
    expect(await ledger.shopBalance(t.db, shop.id, done.period!)).toEqual({ held: 0, committed: 147_500 });
    expect((await ledger.verify(t.db)).ok).toBe(true);

    await w.deliverQueued();
    const receiptToBuyer = sentTo(w, 'chat-buyer').at(-1)!.message.text;
    const receiptToShop = sentTo(w, 'chat-owner').at(-1)!.message.text;
    for (const r of [receiptToBuyer, receiptToShop]) {
      expect(r).toContain(`🧾 Struk ${order.code}`);
      expect(r).toContain(`Toko: ${shop.name}`);
      expect(r).toContain(`Pembeli: ${buyer.name}`);
      expect(r).toContain('2 × beras (kg) @ Rp 65.000 = Rp 130.000');
      expect(r).toContain('1 × gula (kg) @ Rp 17.500 = Rp 17.500');
      expect(r).toContain('Total: Rp 147.500');
      expect(r).toContain('Dibayar: transfer');
      expect(r).toContain('Waktu: 10 November 2026 pukul 10.00 WIB');
    }
    const log = await orderEvents(t.db, order.id);
    expect(log.map((e) => [e.event, e.actorKind, e.actor, e.channel])).toEqual([
      ['accepted', 'shop', null, null],
      ['buyer_paid', 'buyer', BUYER, 'telegram'],
      ['shop_received', 'shop', OWNER, 'telegram'],
      ['delivered', 'buyer', BUYER, 'telegram'],
    ]);
    expect(log[1]!.detail).toEqual({ method: 'transfer', receipt: '/media/telegram/receipt-1.jpg' });
  });

  it('reads a typed "udah transfer" for the one order waiting, and cash needs no photo', async () => {
    const w = flowWorld(t.db);
    const { buyerChat, order } = await accepted(w);
    await buyerChat.text('menu');
    const r = await buyerChat.text('udah transfer bu');
    expect(lastText(r)).toContain('Kirim foto bukti bayar');
    await buyerChat.text('1'); // Lewati
    expect(await w.orders.get(order.id)).toMatchObject({ payment_method: 'transfer', payment_receipt: null });
    expect((await w.orders.get(order.id))!.buyer_paid_at).not.toBeNull();
  });

  it('answers a second "sudah bayar", one on a cancelled order and one on someone else\'s order, and changes nothing', async () => {
    const w = flowWorld(t.db);
    const { buyerChat, order, shop } = await accepted(w);
    await buyerChat.option(`spm:cash:${order.id}`);
    const first = (await w.orders.get(order.id))!;
    expect(first.payment_method).toBe('cash');

    // Twice: by the button and by typing.
    const again = await buyerChat.option(`spaid:${order.id}`);
    expect(lastText(again)).toContain(
      `Anda sudah melapor bayar pesanan ${order.code} pada 10 November 2026 pukul 10.00 WIB`,
    );
    const typed = await buyerChat.text(`sudah bayar ${order.code}`);
    expect(lastText(typed)).toContain('Anda sudah melapor bayar');
    const forged = await buyerChat.option(`spx:qris:${order.id}`);
    expect(lastText(forged)).toContain('Anda sudah melapor bayar');
    expect(await w.orders.get(order.id)).toEqual(first);

    // Someone else's order: not found, as if it did not exist.
    const other = await makeBuyer(t.db, { phone: OTHER });
    const otherChat = w.chat('chat-other');
    await otherChat.contact(OTHER);
    for (const r of [
      await otherChat.option(`spaid:${order.id}`),
      await otherChat.option(`spm:cash:${order.id}`),
      await otherChat.text(`udah bayar ${order.code}`),
    ]) {
      expect(lastText(r)).toContain('pesanan tersebut tidak ditemukan');
    }
    expect(other.id).not.toBe(first.buyer_id);
    expect(await w.orders.get(order.id)).toEqual(first);

    // A cancelled order.
    const product = await makeProduct(t.db, shop.id, { name: 'minyak', price: 34_000 });
    const second = await w.orders.place({
      buyerId: first.buyer_id,
      shopId: shop.id,
      items: [{ productId: product.id, quantity: 1 }],
      fulfilment: 'pickup',
    });
    await w.orders.reserve(second.id);
    await w.orders.cancel(second.id, { kind: 'buyer', buyerId: first.buyer_id });
    const before = await w.orders.get(second.id);
    const events = (await orderEvents(t.db, second.id)).length;
    for (const r of [
      await buyerChat.option(`spaid:${second.id}`),
      await buyerChat.option(`spm:cash:${second.id}`),
      await buyerChat.text(`sudah bayar ${second.code}`),
    ]) {
      expect(lastText(r)).toContain(`Pesanan ${second.code} berstatus dibatalkan, jadi tidak ada yang perlu dibayar`);
    }
    expect(await w.orders.get(second.id)).toEqual(before);
    expect((await orderEvents(t.db, second.id)).length).toBe(events);
    // Nothing waits for payment any more: a bare claim from the menu says so.
    await buyerChat.text('menu');
    expect(lastText(await buyerChat.text('sudah bayar'))).toContain('Tidak ada pesanan Anda yang menunggu pembayaran');
  });

  it("a shop that answers 2 (belum) to the buyer's claim disputes it; the buyer is told and admins see it", async () => {
    const w = flowWorld(t.db);
    const { owner, buyerChat, order } = await accepted(w);
    await buyerChat.option(`spm:cash:${order.id}`);
    await w.deliverQueued();
    const r = await owner.text('2');
    expect(lastText(r)).toContain(`uang pesanan ${order.code} belum diterima. Pesanan ini ditinjau admin`);
    expect(await w.orders.get(order.id)).toMatchObject({ status: 'accepted', review_reason: 'dispute', paid_at: null });
    await w.deliverQueued();
    expect(sentTo(w, 'chat-buyer').at(-1)!.message.text).toContain(
      `Toko bilang uang pesanan ${order.code} (Rp 147.500) belum diterima`,
    );
    // The shop's order screen says so and no longer offers "belum diterima".
    const detail = await owner.option(`sord:${order.id}`);
    expect(lastText(detail)).toContain('sedang ditinjau admin');
    expect(optionValues(detail)).not.toContain(`unpaid:${order.id}`);
  });

  it('a buyer who answers 2 (belum bayar) to the shop\'s "received" disputes it', async () => {
    const w = flowWorld(t.db);
    const { owner, buyerChat, order } = await accepted(w);
    await owner.option(`paid:${order.id}`);
    await w.deliverQueued();
    const question = sentTo(w, 'chat-buyer').at(-1)!;
    expect(question.message.text).toContain(
      `Toko mencatat uang Rp 147.500 untuk pesanan ${order.code} sudah diterima. Benar Anda sudah bayar?`,
    );
    const r = await buyerChat.text('belum');
    expect(lastText(r)).toContain(`Anda belum membayar pesanan ${order.code}`);
    expect(await w.orders.get(order.id)).toMatchObject({ review_reason: 'dispute', buyer_paid_at: null });
    await w.deliverQueued();
    expect(sentTo(w, 'chat-owner').at(-1)!.message.text).toContain(
      `Pembeli bilang belum membayar pesanan ${order.code}`,
    );
  });
});
