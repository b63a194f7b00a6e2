import { foldText } from './normalize-text.js';

/**
 * What a shopkeeper says about being open (issue 14). Pure, like the other parsers: the chat flow and
 * the shop-hours service decide what it means for the shop.
 *
 * | said                                            | result                                  |
 * |-------------------------------------------------|-----------------------------------------|
 * | `tutup`, `tutup dulu`, `toko tutup`             | `{ kind: 'close' }` (until "buka")       |
 * | `tutup sampai besok`, `tutup sampe besok pagi`  | `{ kind: 'close_until_tomorrow' }`       |
 * | `libur tanggal 17`, `tutup tgl 17`, `prei tanggal 17` | `{ kind: 'holiday', day: 17 }`     |
 * | `libur besok`, `libur hari ini`                 | `{ kind: 'holiday_relative', days: 1 }`  |
 * | `buka`, `buka lagi`, `toko buka`                | `{ kind: 'open' }`                       |
 * | `buka jam 7`, `buka jam 06.30`                  | `{ kind: 'hours', open: '07:00' }`       |
 * | `tutup jam 20`, `tutup jam 8 malam`             | `{ kind: 'hours', close: '20:00' }`      |
 * | `buka jam 7 sampai jam 20`, `jam buka 07.00-20.00` | `{ kind: 'hours', open, close }`      |
 *
 * Anything else is null, also a time that is not one ("buka jam 25"): a wrong closure costs the shop its
 * buyers, so only plain sentences count.
 */
export type ShopHoursCommand =
  | { kind: 'close' }
  | { kind: 'close_until_tomorrow' }
  | { kind: 'holiday'; day: number }
  | { kind: 'holiday_relative'; days: 0 | 1 }
  | { kind: 'open' }
  | { kind: 'hours'; open?: string; close?: string };

const POLITE =
  /(?:\s+(?:ya|yaa|dulu|sekarang|skrg|bu|pak|mas|mbak|kak|nggih|ngih|dong|deh|lagi|aja|saja|hari ini dulu))*$/u;
const TIME = String.raw`(\d{1,2})(?:[.:](\d{2}))?(?:\s*(pagi|siang|sore|malam|malem))?`;
const AT = String.raw`(?:jam|pukul|pkl)\s*`;
const UNTIL = String.raw`\s*(?:-|–|sampai|sampe|smp|s\/d|sd|hingga)\s*`;

function clock(h: string | undefined, m: string | undefined, part: string | undefined): string | null {
  if (h === undefined) return null;
  let hour = Number(h);
  const minute = m === undefined ? 0 : Number(m);
  if (minute > 59 || hour > 23) return null;
  // "jam 8 malam" is 20:00; "jam 12 siang" stays 12:00.
  if ((part === 'sore' || part === 'malam' || part === 'malem') && hour < 12) hour += 12;
  if (part === 'siang' && hour < 11) hour += 12;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export function parseShopHours(text: string): ShopHoursCommand | null {
  const t = foldText(text)
    .trim()
    .replace(/[.!🙏\s]+$/u, '')
    .replace(/\s+/g, ' ')
    .replace(/^toko\s+/u, '')
    .replace(POLITE, '');
  if (/^(tutup|close|closed)$/u.test(t)) return { kind: 'close' };
  if (/^(buka|open)$/u.test(t)) return { kind: 'open' };
  if (/^tutup (sampai|sampe|smp|ampe) (besok|besuk|sesuk)( pagi)?$/u.test(t)) return { kind: 'close_until_tomorrow' };
  let m = /^(?:libur|tutup|prei|perei) (?:tanggal|tgl|tg|tang)\.? ?(\d{1,2})$/u.exec(t);
  if (m) {
    const day = Number(m[1]);
    return day >= 1 && day <= 31 ? { kind: 'holiday', day } : null;
  }
  m = /^(?:libur|prei|perei) (hari ini|besok|besuk|sesuk)$/u.exec(t);
  if (m) return { kind: 'holiday_relative', days: m[1] === 'hari ini' ? 0 : 1 };
  m = new RegExp(`^(?:buka ${AT}|jam buka\\s*)${TIME}${UNTIL}(?:(?:tutup\\s*)?${AT})?${TIME}$`, 'u').exec(t);
  if (m) {
    const open = clock(m[1], m[2], m[3]);
    const close = clock(m[4], m[5], m[6]);
    return open && close ? { kind: 'hours', open, close } : null;
  }
  m = new RegExp(`^(?:buka ${AT}|jam buka\\s*)${TIME}$`, 'u').exec(t);
  if (m) {
    const open = clock(m[1], m[2], m[3]);
    return open ? { kind: 'hours', open } : null;
  }
  m = new RegExp(`^(?:tutup ${AT}|jam tutup\\s*)${TIME}$`, 'u').exec(t);
  if (m) {
    const close = clock(m[1], m[2], m[3]);
    return close ? { kind: 'hours', close } : null;
  }
  return null;
}
