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
};
