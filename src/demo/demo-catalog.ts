import type { ShopKind } from '../shops/shop.table.js';

/** Typical goods and 2026 Surabaya prices per kind of shop, for the demo city and the simulation. */
export const DEMO_PRODUCTS: Record<ShopKind, ReadonlyArray<readonly [name: string, unit: string, price: number]>> = {
  kelontong: [
    ['beras premium', '5 kg', 78_000], ['beras medium', '5 kg', 68_000], ['minyak goreng', '2 l', 38_000],
    ['gula pasir', '1 kg', 18_000], ['telur ayam', '1 kg', 30_000], ['tepung terigu', '1 kg', 13_000],
    ['mie instan goreng', '1 dus', 118_000], ['kopi sachet', '1 renteng', 15_500], ['teh celup', '1 kotak', 7_500],
    ['susu kental manis', '1 kaleng', 13_000], ['kecap manis', '1 botol', 22_000], ['garam beryodium', '500 g', 5_000],
    ['air mineral', '1 dus', 45_000], ['sabun cuci piring', '1 pcs', 9_000], ['gas elpiji', '3 kg', 22_000],
  ],
  umkm: [
    ['sambal pecel', '250 g', 20_000], ['kerupuk udang', '500 g', 35_000], ['rengginang', '500 g', 25_000],
    ['kue kering nastar', '1 toples', 85_000], ['batik tulis', '1 lembar', 350_000], ['tas anyaman', '1 pcs', 85_000],
    ['keripik tempe', '250 g', 18_000], ['bandeng presto', '1 ekor', 30_000], ['kopi bubuk lokal', '250 g', 40_000],
  ],
  koperasi: [
    ['paket sembako', '1 paket', 150_000], ['beras', '10 kg', 140_000], ['minyak goreng', '1 l', 19_000],
    ['gula pasir', '1 kg', 17_500], ['telur ayam', '1 rak', 55_000], ['seragam batik ASN', '1 potong', 175_000],
    ['alat tulis kantor', '1 paket', 60_000],
  ],
  swk: [
    ['nasi kotak rapat', '1 kotak', 25_000], ['snack box rapat', '1 kotak', 15_000], ['nasi goreng', '1 porsi', 15_000],
    ['soto ayam', '1 porsi', 18_000], ['lontong balap', '1 porsi', 15_000], ['rujak cingur', '1 porsi', 20_000],
    ['es teh', '1 gelas', 5_000], ['tahu tek', '1 porsi', 15_000],
  ],
};

export const DEMO_AGENCIES: ReadonlyArray<readonly [code: string, name: string, kelurahan: string]> = [
  ['DINKOPDAG', 'Dinas Koperasi Usaha Kecil dan Menengah dan Perdagangan', '35.78.07.1003'],
  ['DINKES', 'Dinas Kesehatan', '35.78.04.1002'],
  ['DISPENDIK', 'Dinas Pendidikan', '35.78.04.1003'],
  ['BPKAD', 'Badan Pengelolaan Keuangan dan Aset Daerah', '35.78.07.1003'],
  ['DISHUB', 'Dinas Perhubungan', '35.78.03.1001'],
  ['SATPOLPP', 'Satuan Polisi Pamong Praja', '35.78.07.1003'],
  ['KEC-GENTENG', 'Kecamatan Genteng', '35.78.07.1003'],
  ['KEC-TAMBAKSARI', 'Kecamatan Tambaksari', '35.78.10.1007'],
];

export const FIRST_NAMES = ['Siti', 'Budi', 'Sri', 'Agus', 'Dewi', 'Eko', 'Rina', 'Hadi', 'Wahyu', 'Nur', 'Yuli', 'Bambang', 'Endang', 'Joko', 'Ratna', 'Arif', 'Lilik', 'Suprapto', 'Fitri', 'Dwi'] as const;
export const LAST_NAMES = ['Rahayu', 'Santoso', 'Wulandari', 'Prasetyo', 'Lestari', 'Hidayat', 'Kusuma', 'Setiawan', 'Handayani', 'Susanto', 'Purnomo', 'Astuti', 'Wijaya', 'Saputra', 'Maharani'] as const;
export const SHOP_WORDS = ['Barokah', 'Makmur', 'Sumber Rejeki', 'Berkah', 'Sri Rejeki', 'Lancar', 'Mulia', 'Sentosa', 'Jaya', 'Murah', 'Bu Nyomi', 'Pak Darmo', 'Cak Man', 'Ning Tin'] as const;
