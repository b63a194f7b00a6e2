type P = Readonly<Record<string, string | number | null | undefined>>;
const s = (v: P[string]): string => (v === null || v === undefined ? '' : String(v));

/**
 * Texts of issue 20 (Bahasa Indonesia): why a shop stands where it does in the listing (listing-policy.ts
 * ListingReason), and the nudge towards a shop with fewer orders. Spread into the catalog (id.ts).
 */
export const spreadId = {
  listingReason: {
    no_orders_yet: 'toko ini belum ada pesanan bulan ini',
    below_share: 'toko ini belum banyak pesanan bulan ini',
    near: 'dekat: satu kelurahan dengan Anda',
  } as Readonly<Record<string, string>>,
  nudgeText: (p: P) =>
    `${s(p.shop)} sudah ramai pesanan bulan ini. ${s(p.alt)}${p.area ? ` (${s(p.area)})` : ''} juga menjual ${s(p.goods)} dan belum banyak pesanan. ` +
    'Mau coba belanja di sana? Boleh juga tetap di toko pilihan Anda.',
  nudgeTry: (p: P) => `Coba ${s(p.alt)}`,
  nudgeStay: (p: P) => `Tetap di ${s(p.shop)}`,
  placeShareCapped: (p: P) =>
    `Maaf, pesanan ini belum dibuat: supaya belanja kota merata, paling banyak ${s(p.percent)}% belanja bulanan Anda boleh di satu toko, dan pesanan ini melewatinya di ${s(p.shop)}.` +
    (p.room ? ` Di ${s(p.shop)} Anda masih bisa belanja ${s(p.room)} bulan ini.` : '') +
    (p.alternatives ? ` Coba toko lain di dekat Anda: ${s(p.alternatives)}.` : '') +
    ' Keranjang Anda tetap tersimpan.',
};
