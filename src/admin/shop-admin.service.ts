import { z } from 'zod';
import type { Db } from '../db/database.js';
import { recordAudit } from '../audit/audit.repository.js';
import { loadAreaIndex } from '../areas/area.repository.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { normalizePhone } from '../shared/phone.js';
import { createShopQrisService } from '../payments/shop-qris.service.js';
import {
  contactIdByPhone,
  deleteShopContact,
  findShop,
  findShopByCode,
  findShopContact,
  insertShopContact,
  ownerContactId,
  setShopCapOverride,
  setShopStatus,
  shopIdByCode,
} from '../shops/shop.repository.js';
import { upsertShop } from '../shops/shop-upsert.js';
import type { ShopStatus } from '../shops/shop.table.js';
import { ConflictError } from '../shared/domain-errors.js';
import { parseInput } from '../shared/parse-input.js';

export const registerShopInput = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{2,30}$/, 'kode: 2–30 huruf, angka atau -'),
  name: z.string().trim().min(2).max(120),
  kind: z.enum(['kelontong', 'umkm', 'koperasi', 'swk']),
  kelurahan: z.string().trim().min(1).describe('kelurahan code (35.78.xx.xxxx) or name'),
  address: z.string().trim().max(300).default(''),
  ownerName: z.string().trim().min(2).max(120),
  ownerPhone: z.string().trim().min(8).max(20),
  paymentInstructions: z.string().trim().max(500).default(''),
});
export const capInput = z.object({ cap: z.number().int().min(0).max(10_000_000_000).nullable() });
export const qrisInput = z.object({
  qris: z.string().max(2000).nullable().describe('the static QRIS text (EMVCo payload); null or "" removes it'),
});
export const contactInput = z.object({
  phone: z.string().trim().min(8).max(20),
  name: z.string().trim().min(2).max(120),
  role: z.enum(['owner', 'helper']).default('helper'),
});

/** Admin changes to shops. Every change and its audit record land in one transaction. */
export function createShopAdminService(deps: { db: Db; clock: Clock }) {
  const { db } = deps;
  const now = () => deps.clock.now().toISOString();

  async function setStatus(shopId: number, from: readonly ShopStatus[], to: ShopStatus, action: string, actor: string) {
    const at = now();
    return db.transaction().execute(async (trx) => {
      const shop = await findShop(trx, shopId);
      if (!shop) throw new NotFoundError('shop', shopId);
      if (shop.status === to) return shop;
      if (!from.includes(shop.status))
        throw new ConflictError(`toko ${shop.code} berstatus ${shop.status}: tidak bisa menjadi ${to}`);
      await setShopStatus(trx, shopId, to, at);
      await recordAudit(trx, {
        actor,
        action,
        entity: 'shop',
        entityId: shopId,
        before: { status: shop.status },
        after: { status: to },
        at,
      });
      return { ...shop, status: to, updated_at: at };
    });
  }

  return {
    /** A new shop starts pending, like an imported one: verification is a separate decision. */
    async register(raw: unknown, actor: string) {
      const input = parseInput(registerShopInput, raw, 'shop');
      const phone = normalizePhone(input.ownerPhone);
      if (!phone)
        throw new ValidationError('ownerPhone: bukan nomor HP Indonesia', [
          'ownerPhone: not an Indonesian mobile number',
        ]);
      const areas = await loadAreaIndex(db);
      const kelurahan = areas.resolve(input.kelurahan);
      if (!kelurahan)
        throw new ValidationError(`kelurahan: "${input.kelurahan}" bukan kelurahan Surabaya`, [
          'kelurahan: not a kelurahan of Surabaya',
        ]);
      const at = now();
      return db.transaction().execute(async (trx) => {
        if ((await shopIdByCode(trx, input.code)) !== undefined)
          throw new ConflictError(`kode toko ${input.code} sudah dipakai`);
        await upsertShop(
          trx,
          {
            code: input.code,
            name: input.name,
            kind: input.kind,
            kelurahanCode: kelurahan,
            address: input.address,
            ownerName: input.ownerName,
            ownerPhone: phone,
            paymentInstructions: input.paymentInstructions,
            initialStatus: 'pending',
          },
          at,
        );
        const shop = await findShopByCode(trx, input.code);
        if (!shop) throw new Error(`shop ${input.code} vanished after its upsert`);
        await recordAudit(trx, {
          actor,
          action: 'shop.register',
          entity: 'shop',
          entityId: shop.id,
          after: { code: shop.code, name: shop.name, kind: shop.kind, kelurahan },
          at,
        });
        return shop;
      });
    },

    verify: (shopId: number, actor: string) => setStatus(shopId, ['pending'], 'active', 'shop.verify', actor),
    suspend: (shopId: number, actor: string) =>
      setStatus(shopId, ['pending', 'active'], 'suspended', 'shop.suspend', actor),
    reinstate: (shopId: number, actor: string) => setStatus(shopId, ['suspended'], 'active', 'shop.reinstate', actor),

    /** A per-shop cap; null goes back to the shop_monthly_cap setting. Holds already placed stay. */
    async setCap(shopId: number, raw: unknown, actor: string) {
      const { cap } = parseInput(capInput, raw, 'cap');
      const at = now();
      return db.transaction().execute(async (trx) => {
        const shop = await findShop(trx, shopId);
        if (!shop) throw new NotFoundError('shop', shopId);
        await setShopCapOverride(trx, shopId, cap, at);
        await recordAudit(trx, {
          actor,
          action: 'shop.cap',
          entity: 'shop',
          entityId: shopId,
          before: { capOverride: shop.cap_override },
          after: { capOverride: cap },
          at,
        });
        return { ...shop, cap_override: cap, updated_at: at };
      });
    },

    /** The shop's static QRIS, as its owner would register it in chat: checked (CRC, merchant tags), audited. */
    async setQris(shopId: number, raw: unknown, actor: string) {
      const { qris } = parseInput(qrisInput, raw, 'qris');
      const saved = await createShopQrisService(deps).setByAdmin(shopId, qris, actor);
      return {
        shopId,
        qris: saved
          ? { merchantName: saved.merchantName, merchantCity: saved.merchantCity, payload: saved.payload }
          : null,
      };
    },

    async addContact(shopId: number, raw: unknown, actor: string) {
      const input = parseInput(contactInput, raw, 'contact');
      const phone = normalizePhone(input.phone);
      if (!phone)
        throw new ValidationError('phone: bukan nomor HP Indonesia', ['phone: not an Indonesian mobile number']);
      const at = now();
      return db.transaction().execute(async (trx) => {
        if (!(await findShop(trx, shopId))) throw new NotFoundError('shop', shopId);
        if ((await contactIdByPhone(trx, shopId, phone)) !== undefined)
          throw new ConflictError('nomor ini sudah menjadi kontak toko ini');
        if (input.role === 'owner') {
          if ((await ownerContactId(trx, shopId)) !== undefined)
            throw new ConflictError('toko ini sudah punya pemilik; tambahkan sebagai helper');
        }
        const c = await insertShopContact(trx, { shopId, phone, name: input.name, role: input.role });
        await recordAudit(trx, {
          actor,
          action: 'shop.contact.add',
          entity: 'shop',
          entityId: shopId,
          after: { contactId: c.id, name: c.name, role: c.role },
          at,
        });
        return c;
      });
    },

    /** The owner contact cannot be removed: every shop needs someone who answers its orders. */
    async removeContact(shopId: number, contactId: number, actor: string) {
      const at = now();
      await db.transaction().execute(async (trx) => {
        const c = await findShopContact(trx, shopId, contactId);
        if (!c) throw new NotFoundError('contact', contactId);
        if (c.role === 'owner') throw new ConflictError('kontak pemilik tidak bisa dihapus');
        await deleteShopContact(trx, contactId);
        await recordAudit(trx, {
          actor,
          action: 'shop.contact.remove',
          entity: 'shop',
          entityId: shopId,
          before: { contactId, name: c.name, role: c.role },
          at,
        });
      });
    },
  };
}

export type ShopAdminService = ReturnType<typeof createShopAdminService>;
