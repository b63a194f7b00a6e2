import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledger } from '../../src/ledger/index.js';
import { orderEvents } from '../../src/orders/order-event.repository.js';
import { InvalidTransitionError } from '../../src/orders/order.errors.js';
import { NotUnderReviewError } from '../../src/orders/payment.errors.js';
import { createReviewService } from '../../src/orders/review.service.js';
import { NotFoundError, ValidationError } from '../../src/shared/errors.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { domainServices } from '../support/services.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

async function acceptedOrder() {
  const s = domainServices(t.db);
  const buyer = await makeBuyer(t.db);
  const shop = await makeShop(t.db);
  const product = await makeProduct(t.db, shop.id, { price: 65_000, stock: 10 });
  const o = await s.orders.place({
    buyerId: buyer.id,
    shopId: shop.id,
    items: [{ productId: product.id, quantity: 2 }],
    fulfilment: 'delivery',
    note: 'Jl. Melati 5',
  });
  await s.orders.reserve(o.id);
  const asShop = { kind: 'shop', shopId: shop.id, via: { channel: 'whatsapp', phone: '+6281200000009' } } as const;
  const asBuyer = { kind: 'buyer', buyerId: buyer.id, via: { channel: 'telegram', phone: buyer.phone } } as const;
  const admin = { kind: 'admin', name: 'admin:Rina#1', via: { channel: 'dashboard' } } as const;
  await s.orders.accept(o.id, asShop);
  return { ...s, buyer, shop, product, o, asShop, asBuyer, admin, review: createReviewService({ db: t.db }) };
}

const stock = async (id: number) =>
  (await t.db.selectFrom('products').select('stock').where('id', '=', id).executeTakeFirstOrThrow()).stock;

describe('disputes over payment', () => {
  it('buyer paid, shop not received: on the review list with both statements; an admin cancels, the hold is released, audited', async () => {
    const w = await acceptedOrder();
    await w.orders.claimPaid(w.o.id, w.asBuyer, { method: 'transfer', receipt: '/data/media/tg-1.jpg' });
    await w.orders.markDelivered(w.o.id, w.asShop);
    const disputed = await w.orders.denyReceived(w.o.id, w.asShop);
    expect(disputed).toMatchObject({ status: 'delivered', review_reason: 'dispute' });
    // Repeating the "belum" changes nothing more.
    await w.orders.denyReceived(w.o.id, w.asShop);

    const [row, ...rest] = await w.review.list();
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ code: w.o.code, review_reason: 'dispute' });
    expect(row!.statements.buyer).toMatchObject({
      said: 'paid',
      method: 'transfer',
      receipt: '/data/media/tg-1.jpg',
      channel: 'telegram',
      by: w.buyer.phone,
    });
    expect(row!.statements.shop).toMatchObject({ said: 'not_received', channel: 'whatsapp', by: '+6281200000009' });

    await expect(w.orders.resolve(w.o.id, w.admin, { outcome: 'cancel', reason: '   ' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(w.orders.resolve(w.o.id, w.asShop, { outcome: 'complete', reason: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const cancelled = await w.orders.resolve(w.o.id, w.admin, { outcome: 'cancel', reason: 'Bukti transfer palsu' });
    expect(cancelled).toMatchObject({ status: 'cancelled', reason: 'Bukti transfer palsu', review_reason: null });
    expect(await ledger.shopBalance(t.db, w.shop.id, cancelled.period!)).toEqual({ held: 0, committed: 0 });
    expect(await stock(w.product.id)).toBe(8); // delivered goods do not come back
    expect((await ledger.verify(t.db)).ok).toBe(true);
    expect(await w.review.list()).toEqual([]);

    const log = await orderEvents(t.db, w.o.id);
    expect(log.map((e) => e.event)).toEqual([
      'accepted',
      'buyer_paid',
      'delivered',
      'review',
      'shop_not_received',
      'resolved_cancelled',
    ]);
    expect(log.at(-1)).toMatchObject({
      actorKind: 'admin',
      actor: 'admin:Rina#1',
      channel: 'dashboard',
      detail: { reason: 'Bukti transfer palsu' },
    });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'order.resolve_cancel').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'admin:Rina#1', entity: 'order', entity_id: w.o.id });
    expect(JSON.parse(audit[0]!.after!)).toEqual({ status: 'cancelled', reason: 'Bukti transfer palsu' });

    const notices = await t.db.selectFrom('notifications').select('template').where('order_id', '=', w.o.id).execute();
    expect(notices.map((n) => n.template)).toEqual(
      expect.arrayContaining(['order.buyer_paid', 'order.disputed', 'order.resolved_cancelled']),
    );
    // A resolved order cannot be resolved again.
    await expect(w.orders.resolve(w.o.id, w.admin, { outcome: 'complete', reason: 'lagi' })).rejects.toBeInstanceOf(
      InvalidTransitionError,
    );
  });

  it('shop received, buyer not paid: delivery does not complete it; an admin completes it and the ledger commits', async () => {
    const w = await acceptedOrder();
    await w.orders.confirmPaid(w.o.id, w.asShop);
    const notice = await t.db
      .selectFrom('notifications')
      .select('template')
      .where('order_id', '=', w.o.id)
      .where('template', '=', 'order.shop_paid')
      .execute();
    expect(notice).toHaveLength(1);
    await w.orders.denyPaid(w.o.id, w.asBuyer);
    const delivered = await w.orders.markDelivered(w.o.id, w.asShop);
    expect(delivered).toMatchObject({ status: 'delivered', review_reason: 'dispute' });
    expect(await ledger.shopBalance(t.db, w.shop.id, delivered.period!)).toEqual({ held: 130_000, committed: 0 });

    const done = await w.orders.resolve(w.o.id, w.admin, {
      outcome: 'complete',
      reason: 'Pembeli keliru, sudah dicek mutasi',
    });
    expect(done.status).toBe('completed');
    expect(await ledger.shopBalance(t.db, w.shop.id, done.period!)).toEqual({ held: 0, committed: 130_000 });
    expect((await ledger.verify(t.db)).ok).toBe(true);
    expect(
      await t.db.selectFrom('audit_log').select('action').where('action', '=', 'order.resolve_complete').execute(),
    ).toHaveLength(1);
  });

  it('the shop confirming after its own "belum" settles the dispute and completes', async () => {
    const w = await acceptedOrder();
    await w.orders.claimPaid(w.o.id, w.asBuyer, { method: 'qris' });
    await w.orders.denyReceived(w.o.id, w.asShop);
    await w.orders.markDelivered(w.o.id, w.asBuyer);
    const done = await w.orders.confirmPaid(w.o.id, w.asShop);
    expect(done).toMatchObject({ status: 'completed', review_reason: null });
  });

  it('refuses what does not apply: a resolution off the list, a "belum" with no claim, the other side\'s statement', async () => {
    const w = await acceptedOrder();
    await expect(w.orders.resolve(w.o.id, w.admin, { outcome: 'complete', reason: 'ok' })).rejects.toBeInstanceOf(
      NotUnderReviewError,
    );
    await expect(w.orders.denyReceived(w.o.id, w.asShop)).rejects.toBeInstanceOf(InvalidTransitionError);
    await expect(w.orders.denyPaid(w.o.id, w.asBuyer)).rejects.toBeInstanceOf(InvalidTransitionError);
    await expect(w.orders.claimPaid(w.o.id, w.asShop as never, { method: null })).rejects.toBeInstanceOf(NotFoundError);
    const after = await w.orders.get(w.o.id);
    expect(after).toMatchObject({ status: 'accepted', review_reason: null, buyer_paid_at: null, paid_at: null });
    expect((await orderEvents(t.db, w.o.id)).map((e) => e.event)).toEqual(['accepted']);
  });
});
