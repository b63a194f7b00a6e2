/** Units a posted quantity is normalised to. */
export type Unit =
  | 'kg' | 'g' | 'ons' | 'l' | 'ml' | 'bks' | 'pcs' | 'butir' | 'dus' | 'karung' | 'renteng' | 'sak'
  | 'rak' | 'lusin' | 'ikat' | 'botol' | 'pack';

const UNIT_ALIASES: Readonly<Record<Unit, readonly string[]>> = {
  // "kh" is the usual slip for "kg" on a phone keyboard (h sits next to g).
  kg: ['kg', 'kgs', 'kh', 'kilo', 'kilogram', 'klg'],
  g: ['g', 'gr', 'grm', 'gram', 'grams'],
  ons: ['ons'],
  l: ['l', 'lt', 'ltr', 'liter', 'litre', 'lter'],
  ml: ['ml', 'mili', 'mililiter'],
  bks: ['bks', 'bk', 'bungkus', 'bgks', 'bngks'],
  pcs: ['pcs', 'pc', 'piece', 'pieces', 'biji', 'bji', 'bj', 'buah', 'bh'],
  butir: ['butir', 'btr', 'btir'],
  dus: ['dus', 'dos', 'kardus', 'box', 'boks'],
  karung: ['karung', 'krg', 'krung'],
  renteng: ['renteng', 'rtg', 'rentengan', 'rnteng'],
  sak: ['sak', 'zak'],
  rak: ['rak'],
  lusin: ['lusin', 'lsn'],
  ikat: ['ikat', 'iket', 'ikt'],
  botol: ['botol', 'btl', 'btol'],
  pack: ['pack', 'pak', 'pck', 'pk', 'packs'],
};

const UNIT_BY_ALIAS: ReadonlyMap<string, Unit> = new Map(
  (Object.entries(UNIT_ALIASES) as [Unit, readonly string[]][]).flatMap(([unit, aliases]) =>
    aliases.map((alias) => [alias, unit] as const),
  ),
);

/** The unit a word names when it follows a number ("5 kilo", "2L"), or null. */
export function unitOf(word: string | undefined): Unit | null {
  return word === undefined ? null : (UNIT_BY_ALIAS.get(word) ?? null);
}

const ONE_UNIT_WORDS: ReadonlyMap<string, Unit> = new Map([
  ['sekilo', 'kg'], ['seons', 'ons'], ['seliter', 'l'], ['sebungkus', 'bks'], ['sebiji', 'pcs'],
  ['sebutir', 'butir'], ['sedus', 'dus'], ['sekarung', 'karung'], ['serenteng', 'renteng'],
  ['selusin', 'lusin'], ['seikat', 'ikat'], ['sebotol', 'botol'],
]);

/** "sekilo", "seliter", "sebungkus": one of a unit, written as a single word. */
export function oneUnitWord(word: string): Unit | null {
  return ONE_UNIT_WORDS.get(word) ?? null;
}

const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['rb', 1_000], ['rbu', 1_000], ['ribu', 1_000], ['rebu', 1_000], ['ewu', 1_000], ['k', 1_000],
  ['jt', 1_000_000], ['juta', 1_000_000], ['yuta', 1_000_000],
]);

/** The factor of a price suffix ("65rb", "65 ewu", "1,2jt"), or null. */
export function multiplierOf(word: string | undefined): number | null {
  return word === undefined ? null : (MULTIPLIERS.get(word) ?? null);
}

/** Street slang for amounts, from Hokkien via Betawi; unknown words are never guessed. */
const SLANG_PRICES: ReadonlyMap<string, number> = new Map([
  ['cepek', 100], ['gopek', 500], ['seceng', 1_000], ['ceceng', 1_000], ['goceng', 5_000],
  ['ceban', 10_000], ['goban', 50_000], ['seribu', 1_000], ['sewu', 1_000], ['sejuta', 1_000_000],
]);

export function slangPrice(word: string): number | null {
  return SLANG_PRICES.get(word) ?? null;
}
