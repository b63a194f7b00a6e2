import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBuyer, makeProduct, makeShop } from '../support/fixtures.js';
import { flowWorld, lastText } from '../support/flow-fixtures.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

/**
 * Issue 14: a shop is listable when the buyer opens it, but placing the order asks again (reachable, open,
 * verified, under its cap): between the two the last linked chat may be gone, the owner may say "tutup".
 */
describe('placing an order re-checks the shop', () => {
  async function atConfirm() {
    const w = flowWorld(t.db);
    const shop = await makeShop(t.db, { linked: true });
    await makeProduct(t.db, shop.id, { name: 'beras', price: 65_000 });
    const buyer = await makeBuyer(t.db, { phone: '+6281234577771' });
    const c = w.chat('buyer-recheck');
    await c.contact(buyer.phone);
    await c.option(`shop:${shop.id}`);
    await c.text('1 2');
    await c.option('cart');
    await c.text('1'); // Pesan sekarang
    const confirm = lastText(await c.text('2')); // Ambil sendiri
    expect(confirm).toContain('Ya, pesan');
    return { w, shop, buyer, c };
  }
  const orderCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('orders')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses an order to a shop that became unreachable, with a clear message; nothing is placed and the cart stays', async () => {
    const { shop, c } = await atConfirm();
    // The owner's only chat is gone: nobody could hear of the order.
    await t.db.deleteFrom('chat_links').where('shop_id', '=', shop.id).execute();
    const refused = lastText(await c.text('ya'));
    expect(refused).toContain(`${shop.name} saat ini tidak bisa menerima pesanan, jadi pesanan belum dibuat`);
    expect(refused).not.toMatch(/PK-[2-9A-Z]{6}/);
    expect(refused).toContain('2 × beras');
    expect(await orderCount()).toBe(0);

    // Linked again: the same cart places the order.
    await t.db
      .insertInto('chat_links')
      .values({
        channel: 'web',
        chat_id: 'owner-again',
        phone: (
          await t.db
            .selectFrom('shop_contacts')
            .select('phone')
            .where('shop_id', '=', shop.id)
            .executeTakeFirstOrThrow()
        ).phone,
        role: 'shop',
        shop_id: shop.id,
        linked_at: new Date().toISOString(),
      })
      .execute();
    await c.option('checkout');
    await c.text('2');
    const placed = lastText(await c.text('ya'));
    expect(placed).toMatch(/PK-[2-9A-Z]{6}/);
    expect(await orderCount()).toBe(1);
  });

  it('refuses an order to a shop its owner closed meanwhile', async () => {
    const { shop, c } = await atConfirm();
    await t.db.updateTable('shops').set({ is_open: 0 }).where('id', '=', shop.id).execute();
    expect(lastText(await c.text('ya'))).toContain('pesanan belum dibuat');
    expect(await orderCount()).toBe(0);
  });
});
