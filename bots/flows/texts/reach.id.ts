import { formatRupiah as rp } from '../../../src/shared/money.js';

type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));
const money = (v: P[string]): string => (typeof v === 'number' ? rp(v) : s(v));

/**
 * Texts of issue 14 (Bahasa Indonesia): greetings by a neutral "Kak", what "batal" cancelled, the shop's waiting orders,
 * and "which order?" when a bare answer could mean several. Spread into the catalog (id.ts).
 */
export const reach = {
  // Greetings (issue 14, reach): `name` is already the form of address (greet.ts addressOf)
  hello: (p: P) => `Halo ${s(p.name)}! 👋`,

  // "batal" says what it cancelled (issue 14, reach)
  cancelOrder: (p: P) =>
    `Baik, pesanan di ${s(p.shop)} tidak jadi dibuat. Keranjang (${s(p.count)} barang) sudah dikosongkan.`,
  cancelNothing: 'Baik. Tidak ada yang sedang berjalan untuk dibatalkan; ini menu utama.',
  cancelItem: 'Baik, barang itu tidak jadi dimasukkan keranjang.',
  cancelItemKeepCart: (p: P) =>
    `Baik, barang itu tidak jadi dimasukkan. Keranjang di ${s(p.shop)} tetap disimpan (${s(p.count)} barang).`,
  cancelKeepCart: (p: P) =>
    `Baik. Keranjang di ${s(p.shop)} tetap disimpan (${s(p.count)} barang); ketik batal di keranjang untuk mengosongkannya.`,
  cancelPosting: 'Baik, pemasangan barang dibatalkan. Tidak ada barang yang diubah.',
  cancelDecide: 'Baik, pesanan itu belum dijawab dan masih menunggu. Jawab nanti lewat menu Pesanan masuk.',
  cancelKeepOrder: 'Baik, pesanan Anda tidak jadi dibatalkan.',
  cancelPayment: 'Baik, info pembayaran tidak diubah.',

  // Reachable shops (issue 14, reach)
  menuShopOrdersWaiting: (p: P) => `Pesanan masuk (${s(p.count)})`,
  ordersWaiting: (p: P) => `🛒 Ada ${s(p.count)} pesanan menunggu jawaban Anda.`,

  // Replies reach the right order (issue 14, reach)
  decideWords: {
    accept: ['terima', 'diterima', 'trima', 'terima pesanan'],
    reject: ['tolak', 'ditolak', 'tolak pesanan'],
  },
  whichOrder: (p: P) =>
    `Ada ${s(p.count)} pesanan yang menunggu jawaban. Pesanan mana yang ${p.action === 'rej' ? 'ditolak' : 'diterima'}? Ketik nomornya, atau balas (reply) pesan pesanannya.`,
  whichOrderLine: (p: P) => `${s(p.code)} · ${s(p.buyer)} · ${money(p.total)}`,
  stillWaiting: (p: P) => `Masih ada ${s(p.count)} pesanan menunggu jawaban. Berikut pesanan berikutnya:`,
};
