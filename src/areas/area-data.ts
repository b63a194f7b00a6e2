import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface AreaRow {
  kecamatanCode: string;
  kecamatan: string;
  kelurahanCode: string;
  kelurahan: string;
}

const CSV = fileURLToPath(new URL('./data/surabaya-wilayah.csv', import.meta.url));

/** The 31 kecamatan and 153 kelurahan of Surabaya as shipped in ./data (see SOURCE.md there). */
export function readAreaRows(file: string = CSV): AreaRow[] {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = lines.shift();
  if (header !== 'kecamatan_code,kecamatan,kelurahan_code,kelurahan') {
    throw new Error(`unexpected header in ${file}: ${header}`);
  }
  return lines.map((line, i) => {
    const [kecamatanCode, kecamatan, kelurahanCode, kelurahan] = line.split(',');
    if (
      !kecamatanCode ||
      !kecamatan ||
      !kelurahanCode ||
      !kelurahan ||
      !kelurahanCode.startsWith(`${kecamatanCode}.`)
    ) {
      throw new Error(`${file} line ${i + 2}: malformed row`);
    }
    return { kecamatanCode, kecamatan, kelurahanCode, kelurahan };
  });
}

/**
 * Names on older KTP addresses (lists of 2021 and before) that the current list spells differently or
 * merged: Perak Timur and Perak Utara became Tanjung Perak.
 */
export const KELURAHAN_ALIASES: ReadonlyArray<readonly [alias: string, code: string]> = [
  ['Perak Timur', '35.78.12.1006'],
  ['Perak Utara', '35.78.12.1006'],
  ['Kapas Madya Baru', '35.78.10.1007'],
  ['Tengilis Mejoyo', '35.78.24.1003'],
  ['Kejawaan Putih Tambak', '35.78.26.1003'],
];
