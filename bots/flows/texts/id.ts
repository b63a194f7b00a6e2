import type { OrderStatus } from '../../../src/orders/order.table.js';
import { languageTextsId } from './language.id.js';
import { formatRupiah as rp } from '../../../src/shared/money.js';
import { deadlineNoticesId, deadlineTextsId } from './deadlines.id.js';
import { settleId } from './settle.id.js';
import { acceptedNoticeId, paymentId } from './payment.id.js';
import { reach } from './reach.id.js';
import { invite } from './invite.id.js';
import { spreadId } from './spread.id.js';

type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));
const money = (v: P[string]): string => (typeof v === 'number' ? rp(v) : s(v));

/** Every text the chat sends, in Bahasa Indonesia (the default). `en.ts` has the same keys. */
export const id = {
  // Always-words: what a person may type anywhere. Lower case; compared after trimming.
  words: {
    menu: ['menu', 'menu utama', 'mulai', '/start', '/menu'],
    cancel: ['batal', 'cancel', 'batalkan'],
    help: ['bantuan', 'help', 'tolong', '/help'],
    back: ['0', 'kembali', 'back'],
  },

  notUnderstood: 'Maaf, saya belum paham. Silakan pilih salah satu nomor di bawah ini.',
  notUnderstoodFree: 'Maaf, saya belum paham. Ketik 0 untuk kembali atau menu untuk menu utama.',
  unsupported: 'Maaf, saya hanya bisa membaca pesan teks/foto.',
  failure: 'Maaf, ada gangguan. Silakan coba lagi sebentar lagi.',
  notFound: 'Maaf, data tersebut tidak ditemukan.',
  orderNotFound: 'Maaf, pesanan tersebut tidak ditemukan.',
  idleReset: 'Sesi sebelumnya berakhir karena lama tidak ada balasan. Kita mulai lagi dari menu.',
  cancelled: 'Baik, dibatalkan.',
  backHint: 'Ketik 0 untuk kembali, menu untuk menu utama.',
  optBack: 'Kembali',
  optMenu: 'Menu utama',

  // Linking
  welcome: 'Selamat datang di peken! Untuk mulai, bagikan nomor HP Anda.',
  notOwnContact: 'Mohon bagikan nomor HP Anda sendiri, bukan kontak orang lain.',
  // How to share one's own number, per channel (added under the request), and Telegram's button label.
  contactHow: {
    telegram: 'Tekan tombol "📱 Bagikan nomor" di bawah.',
    whatsapp: 'Di WhatsApp: tekan 📎 (lampiran) → Kontak, pilih kontak Anda sendiri (nomor HP Anda), lalu kirim.',
    web: '',
  },
  shareContactButton: '📱 Bagikan nomor',
  // Said by an adapter for what never reaches the flows.
  editedMessage: 'Pesan yang diubah tidak saya baca. Silakan kirim pesan baru.',
  privateChatOnly: 'peken hanya melayani lewat chat pribadi. Silakan kirim pesan langsung ke saya.',
  badPhone: 'Nomor itu bukan nomor HP Indonesia yang valid. Silakan bagikan nomor Anda lagi.',
  unknownPhone:
    'Nomor Anda belum terdaftar di peken.\n• ASN: hubungi admin OPD Anda agar nomor HP dicatat di data pegawai.\n• Pemilik toko: hubungi Dinas Koperasi untuk mendaftarkan toko.',
  linkedBuyer: (p: P) => `Halo ${s(p.name)}! Akun Anda sudah tersambung.`,
  linkedShop: (p: P) =>
    `Halo ${s(p.name)}! Anda tersambung sebagai ${p.role === 'owner' ? 'pemilik' : 'pembantu'} ${s(p.shop)}.`,
  chooseRole: 'Nomor Anda terdaftar sebagai pembeli dan penjual. Mau memakai peken sebagai apa?',
  roleBuyer: 'Pembeli (ASN)',
  roleShop: (p: P) => `Penjual: ${s(p.shop)}`,
  roleNotAllowed: 'Maaf, pilihan itu tidak tersedia untuk nomor Anda.',

  // Language and help
  languagePrompt: 'Pilih bahasa / Choose a language:',
  languageSet: 'Bahasa diganti ke Bahasa Indonesia.',
  helpBuyer:
    'Cara belanja: pilih Belanja, pilih toko, ketik nomor barang dan jumlahnya (mis. 2 3 = barang no. 2 sebanyak 3), lalu Pesan.\nKata yang selalu bisa dipakai: menu, batal, bantuan, 0 (kembali).',
  helpShop:
    'Pasang barang cukup dengan mengetik, mis.: beras 5kg 65rb, minyak 2L 34rb. Barang habis: ketik "beras habis".\nPesanan baru dijawab dengan 1 (terima) atau 2 (tolak).\nKata yang selalu bisa dipakai: menu, batal, bantuan, 0 (kembali).',
  menuLanguage: 'Bahasa / Language',
  menuHelp: 'Bantuan',
  menuSwitchRole: 'Ganti peran (pembeli/penjual)',

  // Buyer
  buyerMenu: 'Menu utama. Mau apa hari ini?',
  menuShop: 'Belanja',
  menuCart: (p: P) => `Keranjang (${s(p.count)} barang)`,
  menuMyOrders: 'Pesanan saya',
  menuQuota: 'Kuota saya',
  noBuyer: 'Maaf, menu ini hanya untuk ASN yang terdaftar.',
  shopsTitle: (p: P) => `Toko di wilayah Anda (hal. ${s(p.page)}/${s(p.pages)}). Pilih toko:`,
  shopsNone: 'Maaf, belum ada toko yang bisa melayani wilayah Anda saat ini. Coba lagi nanti.',
  shopLine: (p: P): string => (p.area ? `${s(p.name)} — ${s(p.area)}` : s(p.name)),
  optNext: 'Halaman berikutnya',
  optPrev: 'Halaman sebelumnya',
  shopUnavailable: 'Maaf, toko itu sedang tidak bisa menerima pesanan dari wilayah Anda.',
  notAddedToCart: 'Barang itu tidak dimasukkan ke keranjang.',
  productsTitle: (p: P) => `${s(p.shop)}. Ketik nomor barang, atau nomor dan jumlah (mis. 2 3):`,
  productsNone: (p: P) => `${s(p.shop)} belum memasang barang yang tersedia.`,
  productLine: (p: P) => `${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} — ${money(p.price)}`,
  optViewCart: 'Lihat keranjang & pesan',
  askQuantity: (p: P) =>
    `Berapa ${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} (${money(p.price)})? Ketik jumlahnya, mis. 2.`,
  badQuantity: (p: P) => `Maaf, jumlah harus angka 1 sampai ${s(p.max)}. Ketik jumlahnya, mis. 2.`,
  productGone: 'Maaf, barang itu sudah tidak tersedia.',
  added: (p: P) => `Masuk keranjang: ${s(p.quantity)} × ${s(p.name)}.`,
  quantityChanged: (p: P) => `Jumlah ${s(p.name)} diubah jadi ${s(p.quantity)}.`,
  cartReplaced: 'Keranjang dari toko sebelumnya dikosongkan: satu pesanan untuk satu toko.',
  cartFull: (p: P) => `Keranjang paling banyak ${s(p.max)} macam barang.`,
  cartEmpty: 'Keranjang masih kosong.',
  cartTitle: (p: P) => `Keranjang — ${s(p.shop)}:`,
  cartLine: (p: P) => `${s(p.quantity)} × ${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} = ${money(p.subtotal)}`,
  cartTotal: (p: P) => `Total: ${money(p.total)}`,
  optCheckout: 'Pesan sekarang',
  optAddMore: 'Tambah barang',
  optChangeQty: 'Ubah jumlah',
  optRemove: 'Hapus barang',
  optClearCart: 'Kosongkan keranjang',
  pickLineSet: 'Barang mana yang jumlahnya diubah?',
  pickLineRemove: 'Barang mana yang dihapus?',
  removed: (p: P) => `${s(p.name)} dihapus dari keranjang.`,
  cleared: 'Keranjang dikosongkan.',
  askFulfilment: 'Barang diantar atau diambil sendiri?',
  optDelivery: 'Antar ke alamat saya',
  optPickup: 'Ambil sendiri di toko',
  askNote: 'Ada catatan untuk toko (alamat antar, patokan, pesan)? Ketik catatannya, atau ketik - jika tidak ada.',
  noteTooLong: 'Catatan paling panjang 500 huruf. Silakan ketik lebih singkat.',
  confirmOrder: 'Periksa pesanan Anda:',
  fulfilmentName: (p: P): string => (p.fulfilment === 'pickup' ? 'Ambil sendiri' : 'Diantar'),
  noteLine: (p: P) => `Catatan: ${s(p.note)}`,
  optPlace: 'Ya, pesan',
  optEditCart: 'Ubah keranjang',
  placed: (p: P) =>
    `Pesanan ${s(p.code)} terkirim ke ${s(p.shop)}. Total ${money(p.total)}. Kami kabari begitu toko menjawab.`,
  placeInvalid: 'Maaf, pesanan belum bisa dikirim: ada barang yang sudah tidak dijual. Silakan periksa keranjang.',
  ordersTitle: 'Pesanan Anda (terbaru di atas):',
  ordersNone: 'Anda belum punya pesanan.',
  orderLine: (p: P) => `${s(p.code)} · ${s(p.shop)} · ${money(p.total)} · ${s(p.status)}`,
  orderDetail: (p: P) =>
    `Pesanan ${s(p.code)} — ${s(p.shop)}\nStatus: ${s(p.status)}\n${s(p.items)}\nTotal: ${money(p.total)} (${s(p.fulfilment)})`,
  optCancelOrder: 'Batalkan pesanan',
  optReceived: 'Barang sudah saya terima',
  confirmCancel: (p: P) => `Yakin membatalkan pesanan ${s(p.code)}?`,
  optYesCancel: 'Ya, batalkan',
  optNo: 'Tidak',
  orderCancelled: (p: P) => `Pesanan ${s(p.code)} dibatalkan.`,
  receivedThanks: (p: P) => `Terima kasih! Pesanan ${s(p.code)} dicatat sudah diterima.`,
  askReceived: (p: P) => `Apakah pesanan ${s(p.code)} sudah Anda terima?`,
  optNotYet: 'Belum',
  notYetOk: 'Baik. Balas lagi saat barang sudah sampai.',
  orderAlready: (p: P) => `Pesanan ${s(p.code)} sekarang berstatus: ${s(p.status)}.`,
  quota: (p: P) =>
    `Kuota belanja ${s(p.period)}\nTerpakai: ${money(p.spent)} dari minimal ${money(p.minimum)}\n${s(p.bar)}\nSedang diproses: ${money(p.held)}\nSisa waktu: ${s(p.days)} hari`,

  // Shop
  shopMenu: (p: P) => `${s(p.shop)} — menu penjual. Bisa juga langsung ketik barang, mis. beras 5kg 65rb.`,
  menuPost: 'Pasang / ubah barang',
  menuShopOrders: 'Pesanan masuk',
  menuRevenue: 'Omzet bulan ini',
  menuPayment: 'Ubah info pembayaran',
  noShop: 'Maaf, menu ini hanya untuk penjual yang terdaftar.',
  askPosting:
    'Ketik barang dan harganya, mis.: beras 5kg 65rb, minyak 2L 34rb. Bisa juga kirim foto dengan keterangan. Barang habis: ketik "beras habis".',
  postingNone: 'Maaf, saya belum bisa membaca barangnya. Contoh: beras 5kg 65rb, minyak 2L 34rb.',
  postingEcho: 'Saya baca seperti ini:',
  postingNew: (p: P) =>
    `${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} — ${money(p.price)}${p.stock !== null && p.stock !== undefined ? `, stok ${s(p.stock)}` : ''} (baru)`,
  postingUpdate: (p: P) =>
    `${s(p.name)}${p.unit ? ` ${s(p.unit)}` : ''} — ${money(p.price)}${p.stock !== null && p.stock !== undefined ? `, stok ${s(p.stock)}` : ''} (diperbarui)`,
  postingOut: (p: P) => `${s(p.name)} — HABIS`,
  postingNoPrice: (p: P) => `${s(p.name)}: harganya belum ada`,
  postingUnknown: (p: P) => `${s(p.name)}: belum ada di daftar barang, tidak bisa ditandai habis`,
  postingUnreadable: (p: P) => `Tidak terbaca: ${s(p.text)}`,
  postingAsk: 'Sudah benar?',
  optYesSave: 'Ya, simpan',
  optEdit: 'Ubah',
  postingSaved: (p: P) => `Tersimpan: ${s(p.count)} barang diperbarui.`,
  postingNothing: 'Tidak ada barang yang bisa disimpan. Silakan ketik lagi, mis. beras 5kg 65rb.',
  shopOrdersTitle: 'Pesanan yang masih berjalan:',
  shopOrdersNone: 'Tidak ada pesanan yang sedang berjalan.',
  shopOrderLine: (p: P) => `${s(p.code)} · ${money(p.total)} · ${s(p.status)}`,
  shopOrderDetail: (p: P) =>
    `Pesanan ${s(p.code)} dari ${s(p.buyer)}\nStatus: ${s(p.status)}\n${s(p.items)}\nTotal: ${money(p.total)} (${s(p.fulfilment)})${p.note ? `\nCatatan: ${s(p.note)}` : ''}`,
  optAccept: 'Terima',
  optReject: 'Tolak',
  optDelivered: 'Sudah diantar / diambil',
  optPaid: 'Pembayaran sudah diterima',
  accepted: (p: P) => `Pesanan ${s(p.code)} diterima. Pembeli sudah dikabari.`,
  askRejectReason: (p: P) => `Kenapa pesanan ${s(p.code)} ditolak? Pilih nomor atau ketik alasannya.`,
  reasonStock: 'Stok habis',
  reasonClosed: 'Toko sedang tutup',
  reasonFar: 'Alamat terlalu jauh',
  reasonBusy: 'Tidak sempat melayani',
  rejected: (p: P) => `Pesanan ${s(p.code)} ditolak. Pembeli sudah dikabari.`,
  markedDelivered: (p: P) => `Pesanan ${s(p.code)} dicatat sudah diantar. Pembeli diminta konfirmasi.`,
  markedPaid: (p: P) => `Pembayaran pesanan ${s(p.code)} dicatat.`,
  completedNote: (p: P) => `Pesanan ${s(p.code)} selesai.`,
  revenue: (p: P) =>
    `Omzet ${s(p.period)}: ${money(p.revenue)} dari ${money(p.cap)}\n${s(p.bar)}\nSedang diproses: ${money(p.held)}`,
  askPayment: (p: P) =>
    `Info pembayaran sekarang: ${s(p.current) || '(belum ada)'}\nKetik info baru, mis. Transfer BRI 0123456 a.n. Nyomi / QRIS / tunai.`,
  paymentSaved: (p: P) => `Info pembayaran disimpan: ${s(p.text)}`,
  ownerOnly: 'Maaf, hanya pemilik toko yang bisa mengubah info pembayaran.',

  status: {
    submitted: 'menunggu diproses',
    reserved: 'menunggu jawaban toko',
    accepted: 'diterima toko',
    delivered: 'sudah diantar',
    completed: 'selesai',
    refused: 'tidak dapat diproses',
    rejected: 'ditolak toko',
    cancelled: 'dibatalkan',
    expired: 'kedaluwarsa',
  } satisfies Record<OrderStatus, string>,

  refusal: {
    shop_cap: 'toko ini sudah mencapai batas omzet bulan ini. Silakan pilih toko lain.',
    buyer_max: 'belanja Anda bulan ini sudah mencapai batas maksimal.',
    order_max: 'total pesanan melebihi batas per pesanan. Silakan pesan lebih sedikit.',
    out_of_stock: 'ada barang yang stoknya habis.',
    shop_closed: 'toko sedang tutup.',
    shop_unverified: 'toko belum diverifikasi Dinas Koperasi.',
    outside_area: 'toko berada di luar wilayah belanja Anda.',
  } as Record<string, string>,

  rejectReason: {
    stock: 'stok habis',
    closed: 'toko sedang tutup',
    far: 'alamat terlalu jauh',
    busy: 'toko tidak sempat melayani',
  } as Record<string, string>,

  // Notifications (templates recorded by the order service; params in src/orders)
  notice: {
    'admin.login_code': (p: P) =>
      `🔐 Kode masuk dasbor peken: ${s(p.code)}\nBerlaku 5 menit, sekali pakai. Jangan berikan kode ini kepada siapa pun; petugas peken tidak pernah memintanya.`,
    'order.new': (p: P) =>
      `🛒 Pesanan baru ${s(p.code)}\n${s(p.items)}\nTotal: ${money(p.total)} (${p.fulfilment === 'pickup' ? 'ambil sendiri' : 'diantar'})${p.address ? `\nAntar ke: ${s(p.address)}` : ''}${p.note ? `\nCatatan: ${s(p.note)}` : ''}\nBalas 1 untuk terima, 2 untuk tolak.`,
    'order.reminder': (p: P) =>
      `⏰ Pesanan ${s(p.code)} (${money(p.total)}) belum dijawab. Balas 1 untuk terima, 2 untuk tolak.`,
    'order.refused': (p: P) => `Maaf, pesanan ${s(p.code)} tidak dapat diproses: ${s(p.reasonText)}`,
    'order.accepted': (p: P) => `${acceptedNoticeId(p)}${languageTextsId.orderShopNote(p)}`,
    'order.rejected': (p: P) => `Maaf, pesanan ${s(p.code)} ditolak toko${p.reasonText ? `: ${s(p.reasonText)}` : '.'}`,
    'order.cancelled': (p: P) => `Pesanan ${s(p.code)} (${money(p.total)}) dibatalkan oleh pembeli.`,
    'order.delivered': (p: P) => `📦 Toko mencatat pesanan ${s(p.code)} sudah diantar. Sudah Anda terima?`,
    'order.received': (p: P) =>
      `Pembeli mengonfirmasi pesanan ${s(p.code)} sudah diterima. Jangan lupa catat pembayarannya.`,
    'order.completed': (p: P) =>
      `Pesanan ${s(p.code)} selesai (${money(p.total)}). Terima kasih sudah belanja di toko sekitar!\n\n${settleId.receipt(p)}`,
    'order.completed_shop': (p: P) =>
      `Pesanan ${s(p.code)} selesai. ${money(p.total)} masuk omzet bulan ini.\n\n${settleId.receipt(p)}`,
    'order.expired': (p: P) =>
      `Maaf, pesanan ${s(p.code)} dibatalkan karena toko tidak menjawab. Silakan pesan di toko lain.`,
    'order.expired_shop': (p: P) => `Pesanan ${s(p.code)} (${money(p.total)}) kedaluwarsa karena belum dijawab.`,
    // Issue 14: deadline steps and opening hours (deadlines.id.ts)
    ...deadlineNoticesId,
    ...settleId.settleNotice,
  } as Record<string, (p: P) => string>,
  noticeGeneric: (p: P) => `Ada kabar baru${p.code ? ` untuk pesanan ${s(p.code)}` : ''}. Ketik menu untuk melihat.`,
  optYesReceived: 'Sudah diterima',

  ...deadlineTextsId,
  ...settleId,
  // Issue 13 (pay): address, contacts, QRIS.
  ...paymentId,
  // issue 15: understanding people
  ...languageTextsId,
  // Issue 14 (reach): greetings, batal, reachable shops, replies to the right order
  ...reach,
  // Issue 14, item 2: a shop's invitation, and the re-check at checkout
  ...invite,
  // Issue 20 (spread): listing reasons, nudges
  ...spreadId,
};

export type NoticeParams = P;
