import { randomBytes } from 'node:crypto';

// Order codes are read aloud and typed on phones: no 0/O, 1/I/L.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A short order code such as `PK-7F3K2Q`: 31^6 ≈ 887 million, unique per order (checked by the DB). */
export function newOrderCode(): string {
  const bytes = randomBytes(6);
  let code = '';
  for (const b of bytes) code += ALPHABET[b % ALPHABET.length];
  return `PK-${code}`;
}

/** A sortable unique id: time first, so that ids order by creation. */
export function newId(at: Date = new Date()): string {
  return `${at.getTime().toString(36).padStart(9, '0')}${randomBytes(8).toString('hex')}`;
}
