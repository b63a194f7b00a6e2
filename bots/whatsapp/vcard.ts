import { numberToPhone } from './chat-id.js';

/**
 * The phone of a shared WhatsApp contact card, in E.164, or null. WhatsApp writes
 * `TEL;type=CELL;waid=6281234567890:+62 812-3456-7890`; `waid` is the WhatsApp number itself, so it wins
 * over the displayed text, which people format any way they like.
 */
export function phoneFromVCard(vcard: string): string | null {
  // vCard folds long lines with CRLF + space; unfold first so that a TEL value is on one line.
  const lines = vcard.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  for (const line of lines) {
    const m = /^(?:[\w-]+\.)?TEL([^:]*):(.*)$/i.exec(line.trim());
    if (!m) continue;
    const waid = /(?:^|;)waid=(\d+)/i.exec(m[1]!)?.[1];
    const phone = numberToPhone(waid) ?? numberToPhone(m[2]!.trim());
    if (phone) return phone;
  }
  return null;
}
