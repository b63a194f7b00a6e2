import type { Db } from '../db/database.js';
import type { UpsertOutcome } from '../people/buyer-upsert.js';
import type { ShopKind, ShopStatus } from './shop.table.js';

export interface ShopRecord {
  code: string;
  name: string;
  kind: ShopKind;
  kelurahanCode: string;
  address: string;
  ownerName: string;
  ownerPhone: string;
  paymentInstructions: string;
  /** Only set on creation: verification is the admin's decision, not the import's. */
  initialStatus: ShopStatus;
  /** The shop's static QRIS (checked by the caller); undefined leaves the stored one as it is. */
  qris?: string;
}

/** Creates or updates the shop keyed by code, with its owner contact; identical data changes nothing. */
export async function upsertShop(db: Db, r: ShopRecord, at: string): Promise<UpsertOutcome> {
  const row = {
    name: r.name,
    kind: r.kind,
    kelurahan_code: r.kelurahanCode,
    address: r.address,
    payment_instructions: r.paymentInstructions,
    ...(r.qris === undefined ? {} : { qris: r.qris }),
  };
  const existing = await db.selectFrom('shops').selectAll().where('code', '=', r.code).executeTakeFirst();
  let outcome: UpsertOutcome = 'unchanged';
  let shopId: number;
  if (!existing) {
    const created = await db
      .insertInto('shops')
      .values({ ...row, code: r.code, status: r.initialStatus, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    shopId = created.id;
    outcome = 'inserted';
  } else {
    shopId = existing.id;
    if (!(Object.keys(row) as (keyof typeof row)[]).every((k) => existing[k] === row[k])) {
      await db
        .updateTable('shops')
        .set({ ...row, updated_at: at })
        .where('id', '=', shopId)
        .execute();
      outcome = 'updated';
    }
  }
  const owner = await db
    .selectFrom('shop_contacts')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('role', '=', 'owner')
    .executeTakeFirst();
  if (!owner) {
    await db
      .insertInto('shop_contacts')
      .values({ shop_id: shopId, phone: r.ownerPhone, name: r.ownerName, role: 'owner' })
      .execute();
  } else if (owner.phone !== r.ownerPhone || owner.name !== r.ownerName) {
    await db
      .updateTable('shop_contacts')
      .set({ phone: r.ownerPhone, name: r.ownerName })
      .where('id', '=', owner.id)
      .execute();
    if (outcome === 'unchanged') outcome = 'updated';
  }
  return outcome;
}
