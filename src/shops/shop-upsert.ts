import type { Db } from '../db/database.js';
import type { UpsertOutcome } from '../people/buyer-upsert.js';
import {
  findOwnerContact,
  findShopByCode,
  insertShop,
  insertShopContact,
  updateShopContact,
  updateShopDetails,
} from './shop.repository.js';
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
  const existing = await findShopByCode(db, r.code);
  let outcome: UpsertOutcome = 'unchanged';
  let shopId: number;
  if (!existing) {
    shopId = await insertShop(db, { ...row, code: r.code, status: r.initialStatus, created_at: at, updated_at: at });
    outcome = 'inserted';
  } else {
    shopId = existing.id;
    if (!(Object.keys(row) as (keyof typeof row)[]).every((k) => existing[k] === row[k])) {
      await updateShopDetails(db, shopId, row, at);
      outcome = 'updated';
    }
  }
  const owner = await findOwnerContact(db, shopId);
  if (!owner) {
    await insertShopContact(db, { shopId, phone: r.ownerPhone, name: r.ownerName, role: 'owner' });
  } else if (owner.phone !== r.ownerPhone || owner.name !== r.ownerName) {
    await updateShopContact(db, owner.id, { phone: r.ownerPhone, name: r.ownerName });
    if (outcome === 'unchanged') outcome = 'updated';
  }
  return outcome;
}
