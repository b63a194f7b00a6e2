import type { Unit } from './units.js';

export type { Unit } from './units.js';

/** One product as a shopkeeper posted it. */
export type PostedItem = {
  /** lower-case, misspellings fixed: "minyak goreng", "telur" */
  name: string;
  quantity: { amount: number; unit: Unit } | null;
  /** whole rupiah; null when the post gives none, a range, or "harga tanya"/"nego" */
  price: number | null;
  stock: number | null;
  outOfStock: boolean;
  /** the fragment of the post the item was read from */
  source: string;
};

export type PostingResult = {
  items: PostedItem[];
  /** fragments that could not be read as a product, as written */
  unreadable: string[];
};
