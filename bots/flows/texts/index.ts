import { en } from './en.js';
import { id } from './id.js';
import type { Language, Texts } from './catalog.js';

export type { Language, Texts } from './catalog.js';
export { LANGUAGES } from './catalog.js';
export { en } from './en.js';
export { id } from './id.js';

export const catalogs: Readonly<Record<Language, Texts>> = { id, en };

export function textsFor(language: Language): Texts {
  return catalogs[language];
}
