import { formatRupiah as rp } from '../../../src/shared/money.js';

type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));
const money = (v: P[string]): string => (typeof v === 'number' ? rp(v) : s(v));

/** Issue 15 (understanding people): the echo's questions and what buyers type, in Bahasa Indonesia. */
export const languageTextsId = {
  postingUnread: (p: P) => `Maaf, yang ini belum saya pahami: “${s(p.text)}”. Mohon tulis ulang, mis. gula 1kg 17rb.`,
  orderShopNote: (p: P) => (p.shopNote ? `\nPesan dari toko: ${s(p.shopNote)}` : ''),
  typedConfirm: (p: P) =>
    `Masukkan ${s(p.quantity)} × ${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} (${money(p.total)}) ke keranjang?`,
  optYesAdd: 'Ya, masukkan',
  typedPick: 'Ada beberapa yang cocok. Pilih salah satu:',
  typedPickLine: (p: P) =>
    `${p.quantity ? `${s(p.quantity)} × ` : ''}${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} — ${money(p.price)} · ${s(p.shop)}`,
  typedNotFound: (p: P) =>
    `Maaf, “${s(p.name)}” tidak ada${p.shop ? ` di ${s(p.shop)}` : ' di toko sekitar Anda'}${p.size ? ` dengan ukuran ${s(p.size)}` : ''}.`,
  typedNotInCart: (p: P) => `“${s(p.name)}” tidak ada di keranjang.`,
  repeatConfirm: (p: P) => `Pesan lagi seperti pesanan ${s(p.code)}?\n${s(p.lines)}`,
  repeatNone: 'Belum ada pesanan sebelumnya untuk diulang.',
  repeatGone: 'Barang pesanan itu sudah tidak tersedia.',
  repeatAdded: (p: P) => `${s(p.count)} barang dari pesanan ${s(p.code)} masuk keranjang.`,
};
