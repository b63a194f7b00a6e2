import type { Span } from './atoms.js';
import type { Unit } from './units.js';

export type Token =
  /** a price written so that it can only be a price: "65rb", "Rp 65.000", "goceng", "selawe ewu" */
  | ({ type: 'price'; value: number } & Span)
  /**
   * A number with nothing attached; whether it is a price depends on where it stands. `words` when it
   * was written in words ("rolas setengah").
   */
  | ({ type: 'bare'; value: number; words: boolean } & Span)
  /** "20-25rb", "harga tanya", "nego", "20an": there is a price, but not one to record */
  | ({ type: 'ask' } & Span)
  | ({ type: 'quantity'; amount: number; unit: Unit } & Span)
  /** "/kg", "per kg": the price is for one of this unit */
  | ({ type: 'per-unit'; unit: Unit } & Span)
  | ({ type: 'stock'; value: number } & Span)
  | ({ type: 'out-of-stock' } & Span)
  | ({ type: 'word'; text: string } & Span)
  /** a word that says the item is another size or sale of the product before ("ecer", "grosir") */
  | ({ type: 'variant'; text: string } & Span)
  | ({ type: 'skip' } & Span);

export type Match = { token: Token; next: number };
