import { formatRupiah as rp } from '../../../src/shared/money.js';

type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));
const money = (v: P[string]): string => (typeof v === 'number' ? rp(v) : s(v));
const day = (date: P[string]): string => {
  const d = s(date);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? ` tanggal ${Number(d.slice(8))}` : '';
};

/** Issue 14 (deadlines and opening hours): the notices of the deadline steps, in Bahasa Indonesia. */
export const deadlineNoticesId = {
  'order.deliver_reminder': (p: P) =>
    `⏰ Pesanan ${s(p.code)} (${money(p.total)}) sudah diterima tapi belum dicatat diantar. Kalau sudah diantar, pilih "Sudah diantar" di menu Pesanan masuk.`,
  'order.ask_received': (p: P) =>
    `Pesanan ${s(p.code)} (${money(p.total)}) sudah diterima toko. Apakah barangnya sudah sampai?\nBalas 1 kalau sudah, 2 kalau belum.`,
  'order.expired_undelivered': (p: P) =>
    `Maaf, pesanan ${s(p.code)} dibatalkan karena belum diantar toko. Kuota belanja Anda tidak terpakai; silakan pesan lagi.`,
  'order.expired_undelivered_shop': (p: P) =>
    `Pesanan ${s(p.code)} (${money(p.total)}) dibatalkan karena belum diantar. Kalau sebenarnya sudah diantar, hubungi petugas.`,
  'order.cancelled_not_received': (p: P) =>
    `Pembeli membatalkan pesanan ${s(p.code)} (${money(p.total)}) karena barang belum sampai.`,
  'order.payment_reminder': (p: P) =>
    `⏰ Pesanan ${s(p.code)} (${money(p.total)}) sudah diantar, tapi pembayarannya belum dicatat. Mohon selesaikan pembayaran ke toko.`,
  'order.payment_reminder_shop': (p: P) =>
    `⏰ Pembayaran pesanan ${s(p.code)} (${money(p.total)}) belum dicatat. Kalau uang sudah diterima, pilih "Pembayaran sudah diterima" di menu Pesanan masuk.`,
  'order.review': (p: P) =>
    `Pembayaran pesanan ${s(p.code)} belum tercatat, jadi pesanan ini diteruskan ke petugas untuk ditinjau. Petugas akan menghubungi bila perlu.`,
  'order.review_shop': (p: P) =>
    `Pembayaran pesanan ${s(p.code)} (${money(p.total)}) belum tercatat, jadi pesanan ini diteruskan ke petugas untuk ditinjau.`,
  'order.waits_for_opening': (p: P) =>
    `🕕 Toko sedang di luar jam buka. Pesanan ${s(p.code)} akan dijawab setelah toko buka${day(p.opensDate)} jam ${s(p.opensTime)}.`,
};

/** Flow texts of issue 14, in Bahasa Indonesia. */
export const deadlineTextsId = {
  optNotReceived: 'Belum sampai',
  notReceivedOffer: (p: P) => `Maaf, pesanan ${s(p.code)} belum sampai. Mau dibatalkan? Kuota Anda tidak terpakai.`,
  // Opening hours (shop side)
  menuCloseShop: 'Tutup toko sekarang',
  menuOpenShop: 'Buka toko sekarang',
  shopHoursLine: (p: P) => `Jam buka ${s(p.open)}–${s(p.close)}. ${s(p.state)}`,
  shopStateOpen: 'Sekarang: buka.',
  shopStateClosedUntil: (p: P) => `Sekarang: tutup, buka lagi${day(p.date)} jam ${s(p.time)}.`,
  shopStateClosed: 'Sekarang: tutup sampai Ibu/Bapak ketik "buka".',
  shopClosedNow:
    'Baik, toko ditutup. Pembeli tidak bisa memesan sampai Ibu/Bapak ketik "buka" atau pilih "Buka toko sekarang".',
  shopClosedUntil: (p: P) =>
    `Baik, toko tutup dan buka lagi${day(p.date)} jam ${s(p.time)}. Pesanan baru bisa masuk lagi sejak itu.`,
  shopHoliday: (p: P) => `Baik, toko libur${day(p.date)}. Hari itu pembeli tidak bisa memesan.`,
  shopOpenedNow: 'Baik, toko buka. Pembeli bisa memesan lagi.',
  shopOpenedOutside: (p: P) =>
    `Baik, toko ditandai buka. Jam buka ${s(p.open)}–${s(p.close)}; pesanan di luar jam itu menunggu sampai jam buka.`,
  shopHoursSet: (p: P) => `Baik, jam buka toko sekarang ${s(p.open)}–${s(p.close)}.`,
  shopHoursBad: 'Maaf, jam buka dan jam tutup tidak boleh sama. Contoh: "buka jam 7" atau "jam buka 07.00-20.00".',
  shopHoursHelp: 'Toko: ketik "tutup", "buka", "tutup sampai besok", "libur tanggal 17", atau "buka jam 7".',
  // Buyer side: a shop in the list that is closed or outside its hours
  shopOpensLater: (p: P) => `buka lagi${day(p.date)} ${s(p.time)}`,
  shopClosedListed: 'tutup',
  shopIsClosed: (p: P) =>
    `Maaf, ${s(p.shop)} sedang tutup${p.time ? `, buka lagi${day(p.date)} jam ${s(p.time)}` : ''}. Silakan pilih toko lain.`,
};
