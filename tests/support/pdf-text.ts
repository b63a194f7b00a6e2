import { inflateSync } from 'node:zlib';

// WinAnsiEncoding differs from Latin-1 in 0x80–0x9F: the ones a receipt may print.
const WIN_ANSI: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
};

function decodeHex(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const b = parseInt(hex.slice(i, i + 2), 16);
    out += WIN_ANSI[b] ?? String.fromCharCode(b);
  }
  return out;
}

/**
 * The text of a PDF written by pdfkit in its standard fonts, one line per text-showing operator: the content
 * streams are inflated and the hex strings of `TJ`/`Tj` decoded as WinAnsi. A large negative adjustment
 * inside a TJ array is a gap between words (justified text), read as a space. Enough for our own files; not a
 * general PDF reader.
 */
export function pdfText(pdf: Uint8Array): string {
  const buf = Buffer.from(pdf);
  const lines: string[] = [];
  let at = 0;
  for (;;) {
    const start = buf.indexOf('stream', at, 'latin1');
    if (start < 0) break;
    let from = start + 'stream'.length;
    if (buf[from] === 0x0d) from++;
    if (buf[from] === 0x0a) from++;
    const end = buf.indexOf('endstream', from, 'latin1');
    if (end < 0) break;
    at = end + 'endstream'.length;
    const raw = buf.subarray(from, end);
    let content: string;
    try {
      content = inflateSync(raw).toString('latin1');
    } catch {
      content = raw.toString('latin1');
    }
    for (const m of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (m[2] !== undefined) {
        lines.push(decodeHex(m[2]));
        continue;
      }
      let line = '';
      for (const part of m[1]!.matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)) {
        if (part[1] !== undefined) line += decodeHex(part[1]);
        else if (Number(part[2]) < -100) line += ' ';
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}
