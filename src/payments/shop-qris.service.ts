import { readFile, stat } from 'node:fs/promises';
import { recordAudit } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { MAX_QR_PHOTO_BYTES, parseQris, readQrImage } from './index.js';
import { findShopQris, ownerContact, setShopQris } from './shop-qris.repository.js';

/** Why a text or photo is not accepted as a shop's QRIS: the parser's reasons, a one-time QR, or the photo's. */
export type ShopQrisRefusal =
  | 'empty'
  | 'not_emv'
  | 'bad_crc'
  | 'truncated'
  | 'not_qris'
  | 'not_merchant'
  | 'bad_amount'
  | 'dynamic'
  | 'too_large'
  | 'not_image'
  | 'no_qr';

export interface ShopQris {
  payload: string;
  merchantName: string;
  merchantCity: string;
}

export type QrisCheck = ({ ok: true } & ShopQris) | { ok: false; reason: ShopQrisRefusal };

/**
 * A shop's QRIS must be its static merchant QRIS (the sticker): a dynamic one carries one payment's amount,
 * and every order's QR is made from the static one with that order's total.
 */
export function checkShopQris(text: string): QrisCheck {
  const r = parseQris(text.trim());
  if (!r.ok) return { ok: false, reason: r.reason };
  if (r.qris.dynamic || r.qris.amount !== null) return { ok: false, reason: 'dynamic' };
  return { ok: true, payload: r.qris.payload, merchantName: r.qris.merchantName, merchantCity: r.qris.merchantCity };
}

/** Looks like an EMV QR text ("000201…"): a shopkeeper pasting one means it, even if it turns out broken. */
export const looksLikeQris = (text: string): boolean => /^\s*000201/.test(text);

/** What the audit log keeps of a QRIS: who it pays, not the whole payload. */
export const qrisAuditView = (payload: string | null) => {
  if (!payload) return { qris: null };
  const r = parseQris(payload);
  return r.ok
    ? { merchantName: r.qris.merchantName, merchantCity: r.qris.merchantCity, nmid: r.qris.nmid }
    : { qris: 'unreadable' };
};

export type OwnerSetResult =
  ({ status: 'saved' } & ShopQris) | { status: 'not_owner' } | { status: 'refused'; reason: ShopQrisRefusal };

export interface ShopQrisService {
  checkText(text: string): QrisCheck;
  /** The QR in a saved photo, checked as a text; a photo over MAX_QR_PHOTO_BYTES is not even read. */
  checkPhoto(path: string): Promise<QrisCheck>;
  /** The shop's QRIS now, or null. */
  current(shopId: number): Promise<ShopQris | null>;
  /** The owner, after confirming the echo in chat. Helpers are refused; the payload is checked again. Audited. */
  setByOwner(p: { shopId: number; phone: string; payload: string }): Promise<OwnerSetResult>;
  /** An admin sets (or with null/'' removes) the QRIS. Throws ValidationError for a refused one. Audited. */
  setByAdmin(shopId: number, text: string | null, actor: string): Promise<ShopQris | null>;
}

export function createShopQrisService(deps: { db: Db; clock: Clock }): ShopQrisService {
  const { db } = deps;
  const now = () => deps.clock.now().toISOString();

  async function store(shopId: number, payload: string | null, actor: string): Promise<void> {
    const at = now();
    await db.transaction().execute(async (trx) => {
      const shop = await findShopQris(trx, shopId);
      if (!shop) throw new NotFoundError('shop', shopId);
      if (shop.qris === payload) return;
      await setShopQris(trx, shopId, payload, at);
      await recordAudit(trx, {
        actor,
        action: 'shop.qris',
        entity: 'shop',
        entityId: shopId,
        before: qrisAuditView(shop.qris),
        after: qrisAuditView(payload),
        at,
      });
    });
  }

  return {
    checkText: checkShopQris,

    async checkPhoto(path) {
      const size = await stat(path).then(
        (s) => s.size,
        () => -1,
      );
      if (size < 0) return { ok: false, reason: 'not_image' };
      if (size > MAX_QR_PHOTO_BYTES) return { ok: false, reason: 'too_large' };
      const read = await readQrImage(await readFile(path));
      return read.ok ? checkShopQris(read.text) : { ok: false, reason: read.reason };
    },

    async current(shopId) {
      const shop = await findShopQris(db, shopId);
      if (!shop?.qris) return null;
      const r = checkShopQris(shop.qris);
      return r.ok ? { payload: r.payload, merchantName: r.merchantName, merchantCity: r.merchantCity } : null;
    },

    async setByOwner(p) {
      const owner = await ownerContact(db, p.shopId, p.phone);
      if (!owner) return { status: 'not_owner' };
      const r = checkShopQris(p.payload);
      if (!r.ok) return { status: 'refused', reason: r.reason };
      await store(p.shopId, r.payload, `shop_contact#${owner.id}`);
      return { status: 'saved', payload: r.payload, merchantName: r.merchantName, merchantCity: r.merchantCity };
    },

    async setByAdmin(shopId, text, actor) {
      const trimmed = text?.trim() ?? '';
      if (trimmed === '') {
        await store(shopId, null, actor);
        return null;
      }
      const r = checkShopQris(trimmed);
      if (!r.ok) throw new ValidationError(`qris: ${qrisRefusalText[r.reason]}`, [`qris: ${r.reason}`]);
      await store(shopId, r.payload, actor);
      return { payload: r.payload, merchantName: r.merchantName, merchantCity: r.merchantCity };
    },
  };
}

/** Why a QRIS is refused, for admins (dashboard, API, CSV), in Indonesian like the rest of the admin side. */
export const qrisRefusalText: Record<ShopQrisRefusal, string> = {
  empty: 'kosong',
  not_emv: 'bukan kode QR pembayaran EMV (mungkin alamat web)',
  bad_crc: 'CRC (tag 63) tidak cocok: teks rusak atau salah salin',
  truncated: 'terpotong',
  not_qris: 'kode EMV, tetapi bukan QRIS',
  not_merchant: 'tidak memuat nama (tag 59) dan kota (tag 60) merchant',
  bad_amount: 'jumlah (tag 54) tidak valid',
  dynamic: 'QRIS dinamis (sekali bayar); yang dibutuhkan QRIS statis toko',
  too_large: 'foto terlalu besar',
  not_image: 'bukan gambar',
  no_qr: 'tidak ada kode QR di gambar',
};
