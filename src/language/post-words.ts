/**
 * Words around the goods in a post: greetings, sales talk, time, forms of address. A segment made of
 * nothing else is talk, not an unread product; inside an item they are left out of the name.
 */
const CHATTER_WORDS = [
  // greetings, thanks and wishes (Indonesian, Javanese ngoko and krama)
  'selamat', 'pagi', 'siang', 'sore', 'malam', 'sugeng', 'enjing', 'sonten', 'dalu', 'halo', 'hallo', 'hai', 'hi',
  'assalamualaikum', 'assalamu', 'alaikum', 'salam', 'bismillah', 'alhamdulillah', 'terima', 'kasih', 'makasih',
  'trims', 'matur', 'nuwun', 'suwun', 'sembah', 'happy', 'shopping', 'semangat', 'berkah',
  // inviting to order
  'monggo', 'mangga', 'silakan', 'silahkan', 'dipesan', 'dipesen', 'dipun', 'pesen', 'pesan', 'diorder', 'order',
  'diborong', 'borong', 'dibeli', 'mampir', 'kulakan',
  // what the list is
  'update', 'harga', 'hrg', 'daftar', 'list', 'menu', 'dagangan', 'jualan', 'sade', 'info', 'promo', 'new', 'baru',
  'enggal', 'terbaru', 'murah', 'meriah', 'terbatas', 'limited',
  // time
  'hari', 'ini', 'niki', 'saiki', 'sakniki', 'dinten', 'puniko', 'punika', 'mangke', 'sekarang', 'skrg', 'today',
  // people and address
  'bu', 'ibu', 'ibu2', 'pak', 'bapak', 'bpk', 'mas', 'mbak', 'mbk', 'kak', 'kakak', 'rek', 'cak', 'ning', 'dik',
  'lur', 'dulur', 'sedulur', 'gaes', 'guys', 'semua', 'semuanya', 'sedoyo', 'kabeh', 'kulo', 'saya', 'kami',
  'toko', 'warung', 'ibuk', 'bunda', 'tetangga', 'pelanggan', 'langganan', 'juragan',
  // particles
  'ya', 'yo', 'nggih', 'ngih', 'lho', 'loh', 'kok', 'dong', 'deh', 'yg', 'yang', 'sing', 'juga', 'jg', 'nggeh',
];

export const CHATTER: ReadonlySet<string> = new Set(CHATTER_WORDS);

/** Words that make a header about counts: "stok hari ini:", "sisa stok". */
export const STOCK_HEADER_WORDS: ReadonlySet<string> = new Set(['stok', 'stock', 'stoknya', 'sisa', 'persediaan', 'stk']);

/** Words that list what there is: "ada kopi, teh, susu", "ready: beras, gula". */
export const LIST_WORDS: ReadonlySet<string> = new Set([
  'ada', 'ready', 'redi', 'sedia', 'tersedia', 'onok', 'wonten', 'jual', 'menjual', 'menyediakan', 'nyediakan',
]);

export function isHeaderWord(word: string): boolean {
  return CHATTER.has(word) || STOCK_HEADER_WORDS.has(word) || LIST_WORDS.has(word);
}
