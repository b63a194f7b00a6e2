type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));

/**
 * Texts of issue 14, item 2 (Bahasa Indonesia): a shop's invitation (the bot opened with the shop's start
 * parameter) and the re-check at checkout. Spread into the catalog (id.ts).
 */
export const invite = {
  inviteWelcome: (p: P) =>
    `Selamat datang, ${s(p.shop)}! 🙏\nUndangan ini untuk menyambungkan chat ini dengan toko, supaya pesanan dari ASN sampai ke sini.\nUntuk itu kami perlu nomor HP Bapak/Ibu.`,
  inviteInvalid:
    'Maaf, kode undangan ini tidak berlaku (mungkin sudah diganti). Minta undangan baru kepada petugas Dinas Koperasi yang memberi undangan ini.',
  inviteWrongPhone: (p: P) =>
    `Maaf, nomor ${s(p.phone)} tidak tercatat sebagai pemilik atau pembantu ${s(p.shop)}, jadi chat ini belum kami sambungkan.\n• Bila Bapak/Ibu pemilik toko: buka undangan ini dari HP dengan nomor yang didaftarkan ke Dinas Koperasi.\n• Bila Bapak/Ibu membantu di toko: minta pemilik toko atau petugas Dinas Koperasi mendaftarkan nomor Bapak/Ibu sebagai pembantu toko.\nTidak ada yang berubah; silakan hubungi petugas Dinas Koperasi yang memberi undangan ini bila perlu bantuan.`,
  inviteLinked: (p: P) =>
    `Terima kasih, ${s(p.name)}! Chat ini sekarang tersambung dengan ${s(p.shop)}. Toko sudah bisa dipesan oleh ASN, dan pesanan akan masuk di sini.`,
  placeShopUnavailable: (p: P) =>
    `Maaf, ${s(p.shop)} saat ini tidak bisa menerima pesanan, jadi pesanan belum dibuat. Keranjang Anda tetap tersimpan; coba lagi nanti atau pilih toko lain.`,
};
