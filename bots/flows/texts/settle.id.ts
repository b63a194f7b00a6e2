import { formatRupiah as rp } from '../../../src/shared/money.js';

// Issue 13 (settle): paid and received from both sides, disputes, the receipt on completion. Spread into the
// catalog (id.ts); settle.en.ts has the same keys.
type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));
const money = (v: P[string]): string => (typeof v === 'number' ? rp(v) : s(v));
const METHOD: Record<string, string> = { qris: 'QRIS', transfer: 'transfer', cash: 'tunai' };
const method = (v: P[string]): string => METHOD[s(v)] ?? '';
/** An ISO instant as Jakarta's wall clock: "10 November 2026 pukul 10.00 WIB". */
export const wibId = (v: P[string]): string =>
  v
    ? `${new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(s(v)))} WIB`
    : '';

/** The receipt block of the completion notices (params from src/orders/receipt.ts). */
const receipt = (p: P): string =>
  [
    `🧾 Struk ${s(p.code)}`,
    `Toko: ${s(p.shop)}`,
    `Pembeli: ${s(p.buyer)}`,
    s(p.receiptItems),
    `Total: ${money(p.total)}`,
    `Dibayar: ${method(p.method) || 'dikonfirmasi toko'}`,
    `Waktu: ${wibId(p.receiptAt)}`,
  ].join('\n');

export const settleId = {
  // The buyer: "Sudah bayar".
  optPaidClaim: 'Sudah bayar',
  askPaidMethod: (p: P) => `Pesanan ${s(p.code)}, total ${money(p.total)}. Bayar pakai apa?`,
  methodQris: 'QRIS',
  methodTransfer: 'Transfer (bank / e-wallet)',
  methodCash: 'Tunai',
  askReceipt: (p: P) => `Kirim foto bukti bayar pesanan ${s(p.code)} sekarang (boleh dilewati).`,
  optSkipReceipt: 'Lewati, tanpa foto',
  paidClaimed: (p: P) =>
    `Terima kasih! Pembayaran pesanan ${s(p.code)} (${money(p.total)}${method(p.method) ? `, ${method(p.method)}` : ''}) dicatat. Toko diminta mengonfirmasi.`,
  paidClaimedDone: (p: P) => `Terima kasih! Pembayaran dicatat dan pesanan ${s(p.code)} selesai.`,
  alreadyClaimed: (p: P) =>
    `Anda sudah melapor bayar pesanan ${s(p.code)} pada ${wibId(p.at)}. Tidak perlu lapor lagi; toko diminta mengonfirmasi.`,
  paidNotPayable: (p: P) =>
    `Pesanan ${s(p.code)} berstatus ${s(p.status)}, jadi tidak ada yang perlu dibayar atau dilaporkan.`,
  paidNothingWaiting: 'Tidak ada pesanan Anda yang menunggu pembayaran.',
  paidPickOrder: 'Ada beberapa pesanan yang belum dilaporkan lunas. Pilih pesanannya, lalu "Sudah bayar".',
  paymentStated: (p: P) =>
    `Pembayaran: Anda lapor sudah bayar${method(p.method) ? ` (${method(p.method)})` : ''} pada ${wibId(p.at)}.`,
  optYesPaid: 'Ya, sudah bayar',
  optNotPaid: 'Belum bayar',
  notPaidNoted: (p: P) =>
    `Dicatat: Anda belum membayar pesanan ${s(p.code)}, padahal toko mencatat uangnya sudah diterima. Admin akan meninjau pesanan ini.`,

  // The shop: "sudah diterima?".
  optMoneyReceived: 'Uang sudah diterima',
  optMoneyNotReceived: 'Belum diterima',
  buyerPaidLine: (p: P) =>
    `Pembeli lapor sudah bayar${method(p.method) ? ` (${method(p.method)})` : ''} pada ${wibId(p.at)}${p.receipt ? ', dengan foto bukti' : ''}.`,
  notReceivedNoted: (p: P) =>
    `Dicatat: uang pesanan ${s(p.code)} belum diterima. Pesanan ini ditinjau admin; pembeli sudah dikabari.`,
  disputeNoted: (p: P) => `Pesanan ${s(p.code)} sedang ditinjau admin.`,

  settleNotice: {
    'order.buyer_paid': (p: P) =>
      `💰 Pembeli bilang sudah bayar ${money(p.total)} untuk pesanan ${s(p.code)}${method(p.method) ? ` (${method(p.method)})` : ''}${p.receipt ? '. Foto bukti bayar terlampir' : ''}, sudah diterima?\n1 sudah  2 belum`,
    'order.shop_paid': (p: P) =>
      `Toko mencatat uang ${money(p.total)} untuk pesanan ${s(p.code)} sudah diterima. Benar Anda sudah bayar?\n1 ya  2 belum`,
    'order.disputed': (p: P) =>
      `⚠️ Toko bilang uang pesanan ${s(p.code)} (${money(p.total)}) belum diterima. Admin akan meninjau; simpan bukti bayar Anda.`,
    'order.disputed_shop': (p: P) =>
      `⚠️ Pembeli bilang belum membayar pesanan ${s(p.code)} (${money(p.total)}), padahal uangnya dicatat sudah diterima. Admin akan meninjau.`,
    'order.resolved_cancelled': (p: P) =>
      `Pesanan ${s(p.code)} (${money(p.total)}) dibatalkan oleh admin: ${s(p.reason)}`,
  },
  kuitansiCaption: (p: P) =>
    `📄 Kuitansi pesanan ${s(p.code)} (${money(p.total)}) dengan berita acara serah terima, untuk SPJ.`,
  receipt,
};
