import type { id } from './id.js';

/** The shape of every language's catalog: the Indonesian one, which is the default and the reference. */
export type Texts = typeof id;
export type Language = 'id' | 'en';
export const LANGUAGES: readonly Language[] = ['id', 'en'];
