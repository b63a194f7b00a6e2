import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { ValidationError } from '../shared/errors.js';
import {
  availableProduct,
  availableProducts,
  insertProduct,
  isShopOwner,
  productsByKeys,
  updateProductByKey,
} from './catalog.repository.js';
import { findShop, setPaymentInstructions } from './shop.repository.js';
import type { ProductTable } from './shop.table.js';

export type Product = Selectable<ProductTable>;

/** One product as posted (the shape of src/language's PostedItem, which satisfies it). */
export interface PostedProduct {
  name: string;
  quantity: { amount: number; unit: string } | null;
  price: number | null;
  stock: number | null;
  outOfStock: boolean;
}

export type PlannedChange =
  | { action: 'create' | 'update'; name: string; unit: string; price: number; stock: number | null }
  | { action: 'out_of_stock'; name: string; unit: string }
  /** Not applied: a new product needs a price; "habis" needs a product to mark. */
  | { action: 'skip'; name: string; why: 'no_price' | 'unknown_product' };

export interface CatalogService {
  /** What a posting would change, without changing it: the echo the shopkeeper confirms. */
  preview(shopId: number, items: readonly PostedProduct[]): Promise<PlannedChange[]>;
  /**
   * Applies a posting: same shop and same normalised name updates the product (never a duplicate),
   * "habis" sets stock 0, a photo attaches to the posted products.
   */
  apply(shopId: number, items: readonly PostedProduct[], photoPath?: string | null): Promise<PlannedChange[]>;
  /** The shop's active products that are in stock, by name. */
  available(shopId: number): Promise<Product[]>;
  /** One product, if a buyer can order it now. */
  availableProduct(productId: number): Promise<Product | undefined>;
  /** Only the owner changes how buyers pay: helpers handle orders, not money details. */
  setPaymentInstructions(p: { shopId: number; phone: string; text: string }): Promise<'saved' | 'not_owner'>;
}

/** The catalog key: "Beras  Premium" and "beras premium" are one product. */
export function productKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const unitText = (q: PostedProduct['quantity']): string => (q ? `${q.amount} ${q.unit}` : '');

function plan(items: readonly PostedProduct[], existing: ReadonlyMap<string, Product>): PlannedChange[] {
  // The last mention of a name in one posting wins, as it would if posted twice.
  const byKey = new Map<string, PostedProduct>();
  for (const item of items) {
    const key = productKey(item.name);
    byKey.delete(key);
    byKey.set(key, item);
  }
  return [...byKey].map(([key, item]): PlannedChange => {
    const current = existing.get(key);
    const name = current?.name ?? productKey(item.name);
    if (item.outOfStock) {
      return current
        ? { action: 'out_of_stock', name, unit: current.unit }
        : { action: 'skip', name, why: 'unknown_product' };
    }
    const price = item.price ?? current?.price;
    if (!price) return { action: 'skip', name, why: 'no_price' };
    const unit = item.quantity ? unitText(item.quantity) : (current?.unit ?? '');
    // Posting a product again means it is on offer again, even after "habis".
    return { action: current ? 'update' : 'create', name, unit, price, stock: item.stock };
  });
}

export function createCatalogService(deps: { db: Db; clock: Clock }): CatalogService {
  const { db, clock } = deps;

  async function existingOf(trx: Db, shopId: number, items: readonly PostedProduct[]) {
    const rows = await productsByKeys(trx, shopId, [...new Set(items.map((i) => productKey(i.name)))]);
    return new Map(rows.map((r) => [r.name_key, r]));
  }

  return {
    async preview(shopId, items) {
      return plan(items, await existingOf(db, shopId, items));
    },

    async apply(shopId, items, photoPath = null) {
      return db.transaction().execute(async (trx) => {
        if (!(await findShop(trx, shopId))) throw new ValidationError(`shop ${shopId} does not exist`);
        const changes = plan(items, await existingOf(trx, shopId, items));
        const at = clock.now().toISOString();
        const photo = photoPath ? { photo_path: photoPath } : {};
        for (const c of changes) {
          const key = productKey(c.name);
          if (c.action === 'create') {
            await insertProduct(trx, {
              shopId,
              name: c.name,
              nameKey: key,
              unit: c.unit,
              price: c.price,
              stock: c.stock,
              photoPath,
              at,
            });
          } else if (c.action === 'update') {
            await updateProductByKey(
              trx,
              shopId,
              key,
              { unit: c.unit, price: c.price, stock: c.stock, active: 1, ...photo },
              at,
            );
          } else if (c.action === 'out_of_stock') {
            await updateProductByKey(trx, shopId, key, { stock: 0, ...photo }, at);
          }
        }
        return changes;
      });
    },

    available: (shopId) => availableProducts(db, shopId),
    availableProduct: (productId) => availableProduct(db, productId),

    async setPaymentInstructions(p) {
      const text = p.text.trim().slice(0, 300);
      if (!text) throw new ValidationError('payment instructions are empty');
      if (!(await isShopOwner(db, p.shopId, p.phone))) return 'not_owner';
      await setPaymentInstructions(db, p.shopId, text, clock.now().toISOString());
      return 'saved';
    },
  };
}
