import { formatRupiah as rp } from '../../../src/shared/money.js';

// Issue 13 (pay): the address at checkout, both sides' contacts on acceptance, the shop's QRIS and the payable
// QR of an order. Spread into the catalog (id.ts); payment.en.ts has the same keys.
type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));
const money = (v: P[string]): string => (typeof v === 'number' ? rp(v) : s(v));
/** A tap-to-chat link for an Indonesian mobile number in E.164 (WhatsApp opens it on any phone). */
export const waLink = (phone: P[string]): string =>
  typeof phone === 'string' && /^\+62\d{8,13}$/.test(phone) ? `https://wa.me/${phone.slice(1)}` : '';
const phoneLine = (label: string, phone: P[string]): string =>
  phone ? `${label}: ${s(phone)}${waLink(phone) ? ` (chat: ${waLink(phone)})` : ''}` : '';
const lines = (...xs: string[]): string => xs.filter((x) => x !== '').join('\n');

export const paymentId = {
  // Checkout: where a delivery goes.
  askAddress:
    'Ke alamat mana pesanan diantar? Tulis alamat lengkap: jalan, nomor, RT/RW, patokan (mis. Jl. Melati 5 RT 02/RW 03, pagar hijau).',
  optLastAddress: (p: P) => `Alamat terakhir: ${s(p.address).slice(0, 50)}`,
  addressEmpty:
    'Untuk diantar, toko perlu alamat yang jelas; "-" belum alamat. Tulis alamatnya, atau kembali dan pilih Ambil sendiri.',
  addressTooShort: 'Alamatnya kurang lengkap. Tulis jalan dan nomor rumah (mis. Jl. Melati 5, pagar hijau).',
  addressTooLong: 'Alamat paling panjang 300 huruf. Silakan tulis lebih singkat.',
  addressLine: (p: P) => `Antar ke: ${s(p.address)}`,
  pickupLine: 'Diambil sendiri di toko (alamat toko dikirim begitu pesanan diterima).',

  // Contacts on acceptance: the shop learns the buyer's.
  acceptedWithBuyer: (p: P) =>
    lines(
      `Pesanan ${s(p.code)} diterima. Pembeli sudah dikabari.`,
      `Pembeli: ${s(p.buyer)}`,
      phoneLine('HP', p.phone),
      p.fulfilment === 'pickup'
        ? 'Diambil sendiri di toko.'
        : `Antar ke: ${s(p.address) || '(belum ada alamat: hubungi pembeli)'}`,
    ),
  buyerContactLines: (p: P) => lines(phoneLine('HP pembeli', p.phone), p.address ? `Antar ke: ${s(p.address)}` : ''),

  // The payable QR.
  qrisCaption: (p: P) =>
    `QRIS ${s(p.merchant)}\nBayar: ${money(p.total)}\nPesanan ${s(p.code)}\nScan dengan aplikasi bank atau e-wallet apa saja.`,
  optPay: 'Bayar',
  payHow: (p: P) => (p.payment ? `Cara bayar lain dari toko: ${s(p.payment)}` : ''),
  payNoQris: (p: P) =>
    `Toko ini belum memasang QRIS. Cara bayar: ${s(p.payment) || 'tanyakan ke toko (tunai atau transfer).'}`,
  payNotNow: (p: P) => `Pesanan ${s(p.code)} sekarang berstatus: ${s(p.status)}; tidak perlu dibayar lewat sini.`,

  // The shop's QRIS, registered by its owner.
  menuQris: 'Daftarkan QRIS toko',
  askQris: 'Kirim foto stiker QRIS toko (yang biasa ditempel di kasir), atau tempel teks QRIS-nya di sini.',
  qrisCurrent: (p: P) => `QRIS sekarang: ${s(p.merchant)}, ${s(p.city)}.`,
  qrisConfirm: (p: P) => `Benar ini QRIS toko Ibu: ${s(p.merchant)}, ${s(p.city)}?`,
  optQrisYes: 'Ya, simpan',
  optQrisNo: 'Tidak',
  qrisSaved: (p: P) =>
    `QRIS tersimpan: ${s(p.merchant)}, ${s(p.city)}. Setiap pesanan yang Ibu terima, pembeli mendapat QR dengan jumlah pas.`,
  qrisNotSaved: 'Baik, QRIS tidak disimpan. QRIS toko tidak berubah.',
  qrisOwnerOnly: 'Maaf, hanya pemilik toko yang bisa mengubah QRIS toko.',
  qrisRefused: {
    empty: 'Teks QRIS-nya kosong. Kirim foto stiker QRIS atau tempel teksnya.',
    not_emv: 'Itu bukan QRIS (mungkin alamat web atau kode lain). Kirim foto stiker QRIS toko.',
    bad_crc:
      'Kode QRIS itu rusak: angka pemeriksanya tidak cocok (mungkin salah salin). Salin ulang atau kirim foto stikernya.',
    truncated: 'Teks QRIS itu terpotong. Salin lagi sampai habis, atau kirim foto stikernya.',
    not_qris: 'Itu kode pembayaran, tapi bukan QRIS. Kirim foto stiker QRIS toko.',
    not_merchant: 'QRIS itu tidak memuat data toko (nama dan kota). Kirim QRIS dari bank atau penyedia QRIS toko.',
    bad_amount: 'Jumlah di QRIS itu tidak terbaca. Kirim QRIS statis toko (stiker), bukan QR satu kali bayar.',
    dynamic: 'Itu QRIS untuk satu kali bayar (sudah ada jumlahnya). Yang dibutuhkan QRIS statis toko: stiker di kasir.',
    too_large: 'Fotonya terlalu besar. Kirim foto biasa dari kamera HP (di bawah 10 MB).',
    not_image: 'File itu tidak bisa dibuka sebagai foto. Kirim foto stiker QRIS.',
    no_qr: 'Saya tidak menemukan kode QR di foto itu. Foto lebih dekat dan terang, dengan seluruh QR terlihat.',
  } as Record<string, string>,
  photoTooLarge: 'Fotonya terlalu besar untuk dibaca. Kirim foto biasa dari kamera HP (di bawah 10 MB).',
};

export type PaymentTexts = typeof paymentId;

/** The acceptance notice to the buyer (template 'order.accepted'); params recorded by the order service. */
export const acceptedNoticeId = (p: P): string =>
  lines(
    `✅ Pesanan ${s(p.code)} diterima oleh ${s(p.shop)}. Total ${money(p.total)}.`,
    p.payment ? `Cara bayar: ${s(p.payment)}` : '',
    '',
    `Toko: ${s(p.shop)}`,
    p.shopAddress || p.shopKelurahan
      ? `Alamat: ${[s(p.shopAddress), p.shopKelurahan ? `Kel. ${s(p.shopKelurahan)}` : ''].filter((x) => x).join(', ')}`
      : '',
    phoneLine('HP toko', p.shopPhone),
    p.fulfilment === 'pickup'
      ? `Ambil pesanan di: ${[s(p.shopAddress), p.shopKelurahan ? `Kel. ${s(p.shopKelurahan)}` : ''].filter((x) => x).join(', ') || s(p.shop)}`
      : p.address
        ? `Diantar ke: ${s(p.address)}`
        : '',
  );
