/** Units a posted quantity is normalised to. */
export type Unit =
  | 'kg'
  | 'g'
  | 'ons'
  | 'l'
  | 'ml'
  | 'bks'
  | 'pcs'
  | 'butir'
  | 'dus'
  | 'karung'
  | 'renteng'
  | 'sak'
  | 'rak'
  | 'lusin'
  | 'ikat'
  | 'botol'
  | 'pack'
  | 'bal'
  | 'tabung'
  | 'ekor'
  | 'sisir'
  | 'batang'
  | 'slop'
  | 'papan'
  | 'kaleng'
  | 'sachet'
  | 'galon'
  | 'porsi'
  | 'kotak'
  | 'lembar'
  | 'potong'
  | 'cup'
  | 'gelas';

const UNIT_ALIASES: Readonly<Record<Unit, readonly string[]>> = {
  // "kh" is the usual slip for "kg" on a phone keyboard (h sits next to g).
  kg: ['kg', 'kgs', 'kh', 'kilo', 'kilogram', 'klg', 'kilon'],
  g: ['g', 'gr', 'grm', 'gram', 'grams'],
  ons: ['ons'],
  l: ['l', 'lt', 'ltr', 'liter', 'litre', 'lter', 'litter'],
  ml: ['ml', 'mili', 'mililiter'],
  bks: ['bks', 'bk', 'bungkus', 'bgks', 'bngks', 'bungkos'],
  pcs: ['pcs', 'pc', 'piece', 'pieces', 'biji', 'bji', 'bj', 'buah', 'bh', 'iji', 'glundung'],
  butir: ['butir', 'btr', 'btir'],
  dus: ['dus', 'dos', 'kardus', 'box', 'boks', 'karton', 'krat'],
  karung: ['karung', 'krg', 'krung'],
  renteng: ['renteng', 'rtg', 'rentengan', 'rnteng'],
  sak: ['sak', 'zak'],
  rak: ['rak', 'tray'],
  lusin: ['lusin', 'lsn'],
  ikat: ['ikat', 'iket', 'ikt', 'unting'],
  botol: ['botol', 'btl', 'btol', 'botl'],
  pack: ['pack', 'pak', 'pck', 'pk', 'packs', 'pax'],
  bal: ['bal', 'ball', 'bale'],
  tabung: ['tabung', 'tbg', 'tb'],
  ekor: ['ekor', 'ekr', 'ekoran'],
  sisir: ['sisir', 'ssr', 'sisirnya'],
  batang: ['batang', 'btg', 'btng', 'ler', 'linting'],
  slop: ['slop', 'slof', 'selop'],
  papan: ['papan', 'ppn'],
  kaleng: ['kaleng', 'klg2', 'kaleng2'],
  sachet: ['sachet', 'saset', 'sct', 'sachetan'],
  galon: ['galon', 'gln'],
  porsi: ['porsi', 'prs'],
  kotak: ['kotak', 'ktk'],
  lembar: ['lembar', 'lbr'],
  potong: ['potong', 'ptg'],
  cup: ['cup', 'cups'],
  gelas: ['gelas', 'gls'],
};

const UNIT_BY_ALIAS: ReadonlyMap<string, Unit> = new Map(
  (Object.entries(UNIT_ALIASES) as [Unit, readonly string[]][]).flatMap(([unit, aliases]) =>
    aliases.map((alias) => [alias, unit] as const),
  ),
);

/** Bulk weights that are a number of kilograms: a kwintal is 100 kg, a ton 1,000 kg. */
const KG_MULTIPLES: ReadonlyMap<string, number> = new Map([
  ['kwintal', 100],
  ['kuintal', 100],
  ['kw', 100],
  ['kwt', 100],
  ['ku', 100],
  ['ton', 1_000],
]);

/** A unit with the factor its amount is multiplied by ("2 kwintal" is 200 kg). */
export type UnitReading = { unit: Unit; factor: number };

/** The unit a word names when it follows a number ("5 kilo", "2L", "1 kwintal"), or null. */
export function unitReading(word: string | undefined): UnitReading | null {
  if (word === undefined) return null;
  const unit = UNIT_BY_ALIAS.get(word);
  if (unit) return { unit, factor: 1 };
  const kg = KG_MULTIPLES.get(word);
  return kg === undefined ? null : { unit: 'kg', factor: kg };
}

/** The unit a word names, or null (see `unitReading` for the factor of bulk weights). */
export function unitOf(word: string | undefined): Unit | null {
  return unitReading(word)?.unit ?? null;
}

/** Units that measure (weight, volume): a pack ("1 sak") written beside one ("25kg") is what is sold. */
export const MEASURES: ReadonlySet<Unit> = new Set<Unit>(['kg', 'g', 'ons', 'l', 'ml']);

const ONE_UNIT_WORDS: ReadonlyMap<string, Unit> = new Map([
  ['sekilo', 'kg'],
  ['seons', 'ons'],
  ['seliter', 'l'],
  ['sebungkus', 'bks'],
  ['sebiji', 'pcs'],
  ['sebutir', 'butir'],
  ['sedus', 'dus'],
  ['sekarung', 'karung'],
  ['serenteng', 'renteng'],
  ['selusin', 'lusin'],
  ['seikat', 'ikat'],
  ['sebotol', 'botol'],
  ['seekor', 'ekor'],
  ['sesisir', 'sisir'],
  ['sebatang', 'batang'],
  ['seporsi', 'porsi'],
  ['setabung', 'tabung'],
  ['sekaleng', 'kaleng'],
  ['sepapan', 'papan'],
  ['serak', 'rak'],
  ['segelas', 'gelas'],
  ['sepotong', 'potong'],
  ['selembar', 'lembar'],
  ['sekotak', 'kotak'],
  ['sebal', 'bal'],
  ['seslop', 'slop'],
  ['segalon', 'galon'],
]);

/** "sekilo", "seliter", "sebungkus": one of a unit, written as a single word. */
export function oneUnitWord(word: string): Unit | null {
  return ONE_UNIT_WORDS.get(word) ?? null;
}

/** Words that mean "one" before a unit word: "sak bungkus", "sa'kilo" (Suroboyoan), "satu kilo". */
export const ONE_BEFORE_UNIT: ReadonlySet<string> = new Set(['sak', "sa'", 'se', 'sa']);

const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['rb', 1_000],
  ['rbu', 1_000],
  ['ribu', 1_000],
  ['rebu', 1_000],
  ['ewu', 1_000],
  ['k', 1_000],
  ['rban', 1_000],
  ['jt', 1_000_000],
  ['juta', 1_000_000],
  ['yuta', 1_000_000],
  ['jeti', 1_000_000],
]);

/** The factor of a price suffix ("65rb", "65 ewu", "1,2jt"), or null. */
export function multiplierOf(word: string | undefined): number | null {
  return word === undefined ? null : (MULTIPLIERS.get(word) ?? null);
}
