/**
 * Number words in Indonesian, Surabaya Javanese (ngoko) and krama, as shopkeepers type them, read by
 * composition rather than from a list of amounts: a number is ones, teens, tens, hundreds, then a scale
 * (ribu/ewu, juta/yuta), repeated ("dua puluh tujuh ribu lima ratus", "satus seket ewu",
 * "telung ewu limangatus"). Words written joined ("telungpuluh", "limangatus", "limolasewu") are cut
 * into these parts first (see `numberMorphemes`).
 */

/** 1..9, with Javanese linking forms ("rong puluh", "limang ewu") and krama ("kalih", "gangsal"). */
const ONES: ReadonlyMap<string, number> = new Map(
  Object.entries({
    satu: 1,
    siji: 1,
    setunggal: 1,
    dua: 2,
    loro: 2,
    rong: 2,
    kalih: 2,
    tiga: 3,
    telu: 3,
    tigo: 3,
    telung: 3,
    tigang: 3,
    empat: 4,
    papat: 4,
    patang: 4,
    sekawan: 4,
    lima: 5,
    limo: 5,
    limang: 5,
    gangsal: 5,
    enam: 6,
    enem: 6,
    nem: 6,
    tujuh: 7,
    pitu: 7,
    pitung: 7,
    delapan: 8,
    wolu: 8,
    wolung: 8,
    sembilan: 9,
    songo: 9,
    sanga: 9,
    sangang: 9,
  }),
);

/** Words that are a whole number below 100 on their own: teens, Javanese 21-29 ("likur"), 50, 60. */
const WHOLE: ReadonlyMap<string, number> = new Map(
  Object.entries({
    sepuluh: 10,
    sepuloh: 10,
    sedoso: 10,
    sedasa: 10,
    sebelas: 11,
    sewelas: 11,
    rolas: 12,
    telulas: 13,
    patbelas: 14,
    limolas: 15,
    limalas: 15,
    nembelas: 16,
    pitulas: 17,
    wolulas: 18,
    songolas: 19,
    sangalas: 19,
    selikur: 21,
    rolikur: 22,
    telulikur: 23,
    patlikur: 24,
    selawe: 25,
    nemlikur: 26,
    pitulikur: 27,
    wolulikur: 28,
    songolikur: 29,
    seket: 50,
    sewidak: 60,
  }),
);

const TENS = new Set(['puluh', 'dasa', 'doso']);
const TEENS = new Set(['belas', 'welas']);
const HUNDREDS = new Set(['ratus', 'atus']);
const HUNDRED_WORDS: ReadonlyMap<string, number> = new Map([
  ['seratus', 100],
  ['satus', 100],
]);
const SCALES: ReadonlyMap<string, number> = new Map(
  Object.entries({
    ribu: 1_000,
    rebu: 1_000,
    ewu: 1_000,
    rb: 1_000,
    juta: 1_000_000,
    yuta: 1_000_000,
    jt: 1_000_000,
  }),
);
const SCALE_WORDS: ReadonlyMap<string, number> = new Map(
  Object.entries({ seribu: 1_000, sewu: 1_000, sejuta: 1_000_000 }),
);
const HALF: ReadonlyMap<string, number> = new Map([
  ['setengah', 0.5],
  ['seperempat', 0.25],
  ['tengah', 0.5],
]);

const MORPHEMES: readonly string[] = [
  ...ONES.keys(),
  ...WHOLE.keys(),
  ...TENS,
  ...TEENS,
  ...HUNDREDS,
  ...HUNDRED_WORDS.keys(),
  ...SCALES.keys(),
  ...SCALE_WORDS.keys(),
].filter((m) => m !== 'rb' && m !== 'jt');

/**
 * Cuts a word written joined into number parts ("telungpuluh" -> telung puluh, "limangatus" -> limang
 * atus, "selaweewu" -> selawe ewu), fewest parts first; null unless the whole word is number parts.
 */
export function numberMorphemes(word: string): string[] | null {
  const known = CUTS.get(word);
  if (known !== undefined) return known;
  const cut = cutIntoMorphemes(word);
  // Words repeat across posts; the cache is cleared rather than grown without end.
  if (CUTS.size > 20_000) CUTS.clear();
  CUTS.set(word, cut);
  return cut;
}

const CUTS = new Map<string, string[] | null>();
const FIRST_LETTERS = new Set(MORPHEMES.map((m) => m.charAt(0)));

function cutIntoMorphemes(word: string): string[] | null {
  if (!FIRST_LETTERS.has(word.charAt(0))) return null;
  if (
    ONES.has(word) ||
    WHOLE.has(word) ||
    HUNDRED_WORDS.has(word) ||
    SCALE_WORDS.has(word) ||
    SCALES.has(word) ||
    TENS.has(word) ||
    TEENS.has(word) ||
    HUNDREDS.has(word)
  )
    return [word];
  if (word.length > 30) return null;
  // best[i]: the shortest cut of word.slice(0, i)
  const best: (string[] | null)[] = [[], ...Array.from({ length: word.length }, () => null)];
  for (let i = 0; i < word.length; i++) {
    const before = best[i];
    if (!before) continue;
    for (const m of MORPHEMES) {
      if (!word.startsWith(m, i)) continue;
      const cut = [...before, m];
      const at = best[i + m.length];
      if (at === null || at === undefined || cut.length < at.length) best[i + m.length] = cut;
    }
  }
  const whole = best[word.length];
  return whole && whole.length > 1 ? whole : null;
}

export type WordAmount = {
  value: number;
  /** how many of the given words the amount takes */
  length: number;
  /** true when a scale word (ribu, ewu, juta, sewu) was written: the amount is in rupiah as it stands */
  scaled: boolean;
};

type Below1000 = { value: number; length: number };

/** 1..999 from parts[i]: "rong puluh limo", "limolas", "seket limo", "satus seket", "kalih dasa wolu". */
function readBelow1000(parts: readonly string[], start: number): Below1000 | null {
  let i = start;
  let value = 0;
  const hundredWord = HUNDRED_WORDS.get(parts[i] ?? '');
  if (hundredWord !== undefined) {
    value = hundredWord;
    i++;
  } else {
    const h = ONES.get(parts[i] ?? '');
    if (h !== undefined && HUNDREDS.has(parts[i + 1] ?? '')) {
      value = h * 100;
      i += 2;
    }
  }
  let tensWhole = false;
  const whole = WHOLE.get(parts[i] ?? '');
  if (whole !== undefined) {
    value += whole;
    tensWhole = whole % 10 !== 0;
    i++;
  } else {
    const t = ONES.get(parts[i] ?? '');
    if (t !== undefined && TENS.has(parts[i + 1] ?? '')) {
      value += t * 10;
      i += 2;
    } else if (t !== undefined && TEENS.has(parts[i + 1] ?? '')) {
      value += 10 + t;
      tensWhole = true;
      i += 2;
    }
  }
  const o = ONES.get(parts[i] ?? '');
  if (o !== undefined && !tensWhole && !HUNDREDS.has(parts[i + 1] ?? '')) {
    value += o;
    i++;
  }
  return i === start ? null : { value, length: i - start };
}

/** An amount over number parts; `length` counts parts. */
function readParts(parts: readonly string[]): { value: number; length: number; scaled: boolean } | null {
  let i = 0;
  let total = 0;
  let scaled = false;
  let lastScale = Number.POSITIVE_INFINITY;
  for (;;) {
    const word = SCALE_WORDS.get(parts[i] ?? '');
    if (word !== undefined && word < lastScale) {
      total += word;
      lastScale = word;
      scaled = true;
      i++;
      continue;
    }
    const small = readBelow1000(parts, i);
    if (small === null) break;
    // "dua setengah juta": the half belongs to the scale after it.
    const halfBefore = HALF.get(parts[i + small.length] ?? '');
    const scaleAfterHalf = SCALES.get(parts[i + small.length + 1] ?? '');
    if (halfBefore !== undefined && scaleAfterHalf !== undefined && scaleAfterHalf < lastScale) {
      total += (small.value + halfBefore) * scaleAfterHalf;
      lastScale = scaleAfterHalf;
      scaled = true;
      i += small.length + 2;
      continue;
    }
    const scale = SCALES.get(parts[i + small.length] ?? '');
    if (scale !== undefined && scale < lastScale) {
      total += small.value * scale;
      lastScale = scale;
      scaled = true;
      i += small.length + 1;
      continue;
    }
    if (small.value >= lastScale) break;
    total += small.value;
    i += small.length;
    break;
  }
  if (i === 0) return null;
  // "rolas setengah" (12.5), "sewu setengah" (1,500): a half of the last unit written.
  const half = HALF.get(parts[i] ?? '');
  if (half !== undefined) {
    total += half * (Number.isFinite(lastScale) ? lastScale : 1);
    i++;
  }
  return { value: total, length: i, scaled };
}

/**
 * Reads an amount written in words from `words[start]` on, each word possibly joined parts.
 * Returns null when the first word is not a number word. An amount never ends inside a joined word.
 */
export function readWordAmount(words: readonly string[], start: number): WordAmount | null {
  const parts: string[] = [];
  const wordEnd: number[] = [];
  for (let i = start; i < words.length && parts.length < 24; i++) {
    const cut = numberMorphemes(words[i] as string) ?? (HALF.has(words[i] as string) ? [words[i] as string] : null);
    if (!cut) {
      parts.push(words[i] as string);
      wordEnd.push(i - start + 1);
      break;
    }
    parts.push(...cut);
    for (let k = 0; k < cut.length - 1; k++) wordEnd.push(-1);
    wordEnd.push(i - start + 1);
  }
  const read = readParts(parts);
  if (!read) return null;
  const length = wordEnd[read.length - 1];
  if (length === undefined || length < 0) return null;
  return { value: read.value, length, scaled: read.scaled };
}

/** The numbers a one-word menu answer may be, 1..10. */
export function menuNumberWord(word: string): number | null {
  if (WHOLE.get(word) === 10) return 10;
  return ONES.get(word) ?? null;
}

const JAVANESE_ORDINALS: ReadonlyMap<string, number> = new Map([
  ['kapisan', 1],
  ['kapindho', 2],
  ['kapindo', 2],
  ['katelu', 3],
]);

/** Ordinals such as "kedua", "ketiga", "pertama", "kesepuluh", and Javanese "kapisan", "kapindho". */
export function ordinalWord(word: string): number | null {
  if (word === 'pertama') return 1;
  const javanese = JAVANESE_ORDINALS.get(word);
  if (javanese !== undefined) return javanese;
  if (!word.startsWith('ke') || word.length < 4) return null;
  return menuNumberWord(word.slice(2));
}
