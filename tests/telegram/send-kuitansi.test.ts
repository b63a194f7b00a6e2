import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotificationDelivery } from '../../bots/flows/index.js';
import { createTelegramChannel } from '../../bots/telegram/index.js';
import { setNotificationStatus } from '../../src/notify/notification.repository.js';
import { createReceiptService } from '../../src/receipts/index.js';
import { formatRupiah } from '../../src/shared/money.js';
import { orderTo } from '../admin/support.js';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.js';
import { pdfText } from '../support/pdf-text.js';
import { domainServices } from '../support/services.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
let api: FakeTelegramApi;
beforeEach(async () => {
  t = await createTestDb();
  api = await startFakeTelegramApi();
});
afterEach(async () => {
  await api.close();
  await t.cleanup();
});

describe('the kuitansi in Telegram on completion', () => {
  it('sends the buyer the kuitansi as a sendDocument PDF with the ledger’s amount, then the receipt text; the shop gets the text only', async () => {
    const w = domainServices(t.db);
    const buyer = await makeBuyer(t.db, { phone: '+6281234500001' });
    const shop = await makeShop(t.db, { ownerPhone: '+6281234500002' });
    const product = await makeProduct(t.db, shop.id, { name: 'beras', price: 65_000 });
    const at = w.clock.now().toISOString();
    await t.db
      .insertInto('chat_links')
      .values([
        { channel: 'telegram', chat_id: '501', phone: buyer.phone, role: 'buyer', shop_id: null, linked_at: at },
        { channel: 'telegram', chat_id: '502', phone: '+6281234500002', role: 'shop', shop_id: shop.id, linked_at: at },
      ])
      .execute();
    const order = await orderTo(
      w,
      { buyerId: buyer.id, shopId: shop.id, productId: product.id, quantity: 3 },
      'completed',
    );
    const telegram = createTelegramChannel({ token: api.token, apiRoot: api.url });
    const delivery = createNotificationDelivery({
      db: t.db,
      clock: w.clock,
      channels: { telegram },
      receipts: createReceiptService({ db: t.db }),
    });
    // What the notify worker does with the queued completion notices.
    const queued = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('status', '=', 'queued')
      .where('template', 'like', 'order.completed%')
      .orderBy('id')
      .execute();
    expect(queued.map((n) => n.template).sort()).toEqual(['order.completed', 'order.completed_shop']);
    for (const n of queued) {
      expect(
        await delivery.deliver({
          id: n.id,
          recipientPhone: n.recipient_phone,
          template: n.template,
          params: JSON.parse(n.params) as Record<string, string | number | null>,
          orderId: n.order_id,
        }),
      ).toMatchObject({ status: 'sent' });
      await setNotificationStatus(t.db, n.id, { status: 'sent', channel: 'telegram', at });
    }
    const docs = api.documents();
    expect(docs.map((d) => d.chatId)).toEqual(['501']);
    expect(docs[0]!.caption).toContain(`Kuitansi pesanan ${order.code}`);
    const commit = await t.db
      .selectFrom('ledger_entries')
      .select('amount')
      .where('order_id', '=', order.id)
      .where('kind', '=', 'commit')
      .where('account', '=', `shop:${shop.id}`)
      .executeTakeFirstOrThrow();
    expect(commit.amount).toBe(195_000);
    const text = pdfText(new Uint8Array(docs[0]!.bytes!)).replace(/\s+/g, ' ');
    expect(text).toContain(`No. ${order.code}`);
    expect(text).toContain(`Uang sejumlah : ${formatRupiah(commit.amount)}`);
    expect(text).toContain(`1 beras 3 kg ${formatRupiah(65_000)} ${formatRupiah(195_000)}`);
    // The receipt text that existed before still goes to both, after the buyer's kuitansi.
    const toBuyer = api.calls.filter((c) => String(c.params.chat_id) === '501').map((c) => c.method);
    expect(toBuyer).toEqual(['sendDocument', 'sendMessage']);
    for (const chat of ['501', '502'])
      expect(api.sent().find((s) => s.chatId === chat && s.text.includes(`🧾 Struk ${order.code}`))).toBeDefined();
  });
});
