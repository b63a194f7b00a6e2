/**
 * Number words in Indonesian, Surabaya Javanese (ngoko) and krama, as shopkeepers type them.
 * Javanese has a linking form before "puluh"/"ewu" ("rong puluh", "limang ewu"), listed alongside.
 */

const ONES: ReadonlyMap<string, number> = new Map(Object.entries({
  satu: 1, siji: 1, setunggal: 1,
  dua: 2, loro: 2, rong: 2, kalih: 2,
  tiga: 3, telu: 3, tigo: 3, telung: 3,
  empat: 4, papat: 4, patang: 4, sekawan: 4,
  lima: 5, limo: 5, limang: 5, gangsal: 5,
  enam: 6, enem: 6, nem: 6,
  tujuh: 7, pitu: 7, pitung: 7,
  delapan: 8, wolu: 8, wolung: 8,
  sembilan: 9, songo: 9, sanga: 9, sangang: 9,
}));

/** Words that are a whole number of tens or more on their own. */
const WHOLE_TENS: ReadonlyMap<string, number> = new Map(Object.entries({
  sepuluh: 10, sedoso: 10, sebelas: 11, selawe: 25, seket: 50, sewidak: 60,
}));

const HUNDREDS_ALONE: ReadonlyMap<string, number> = new Map([['seratus', 100], ['satus', 100]]);

/** The numbers a one-word menu answer may be, 1..10. */
export function menuNumberWord(word: string): number | null {
  if (word === 'sepuluh' || word === 'sedoso') return 10;
  return ONES.get(word) ?? null;
}

/** Ordinals such as "kedua", "ketiga", "pertama", "kesepuluh". */
export function ordinalWord(word: string): number | null {
  if (word === 'pertama') return 1;
  if (!word.startsWith('ke') || word.length < 4) return null;
  return menuNumberWord(word.slice(2));
}

export type NumberPhrase = { value: number; length: number };

function ones(word: string | undefined): number | null {
  return word === undefined ? null : (ONES.get(word) ?? null);
}

/**
 * Reads a number written in words from `words[start]` on, below 1000:
 * "rong puluh limo" = 25, "lima belas" = 15, "seket" = 50, "satus seket" = 150.
 * Returns null when the first word is not a number word.
 */
export function readNumberPhrase(words: readonly string[], start: number): NumberPhrase | null {
  let i = start;
  let value = 0;

  const hundredsAlone = HUNDREDS_ALONE.get(words[i] ?? '');
  if (hundredsAlone !== undefined) {
    value += hundredsAlone;
    i++;
  } else {
    const h = ones(words[i]);
    if (h !== null && (words[i + 1] === 'ratus' || words[i + 1] === 'atus')) {
      value += h * 100;
      i += 2;
    }
  }

  const wholeTens = WHOLE_TENS.get(words[i] ?? '');
  if (wholeTens !== undefined) {
    value += wholeTens;
    i++;
  } else {
    const t = ones(words[i]);
    if (t !== null && words[i + 1] === 'puluh') {
      value += t * 10;
      i += 2;
    } else if (t !== null && words[i + 1] === 'belas') {
      return { value: value + 10 + t, length: i + 2 - start };
    }
  }

  // "seket limo" (55) takes ones after tens; "selawe" (25) already has its own.
  const o = ones(words[i]);
  if (o !== null && (wholeTens === undefined || wholeTens % 10 === 0)) {
    value += o;
    i++;
  }

  return i === start ? null : { value, length: i - start };
}
