import { fileURLToPath } from 'node:url';
import { crc16CcittFalse } from '../src/payments/crc16.js';
import { serializeTlv } from '../src/payments/emv-tlv.js';
import { qrisPng, qrisWithAmount } from '../src/payments/index.js';

export interface QrisBench {
  /** p95 of making one order's QR image (qrisWithAmount + qrisPng), milliseconds. */
  qris_image_p95_ms: number;
}

/** A static sticker shaped like the ones issuers print: an issuer template, the national one, tag 62. */
function sticker(): string {
  const body = serializeTlv([
    { tag: '00', value: '01' },
    { tag: '01', value: '11' },
    {
      tag: '26',
      value: serializeTlv([
        { tag: '00', value: 'ID.CO.BANKBRI.WWW' },
        { tag: '01', value: '936000020000123456' },
        { tag: '02', value: '000001234567890' },
        { tag: '03', value: 'UMI' },
      ]),
    },
    {
      tag: '51',
      value: serializeTlv([
        { tag: '00', value: 'ID.CO.QRIS.WWW' },
        { tag: '02', value: 'ID1023249949984' },
        { tag: '03', value: 'UMI' },
      ]),
    },
    { tag: '52', value: '5411' },
    { tag: '53', value: '360' },
    { tag: '58', value: 'ID' },
    { tag: '59', value: 'TOKO SEMBAKO BU NYOMI' },
    { tag: '60', value: 'SURABAYA' },
    { tag: '61', value: '60293' },
    { tag: '62', value: serializeTlv([{ tag: '07', value: 'KASIR01' }]) },
  ]);
  return `${body}6304${crc16CcittFalse(`${body}6304`)}`;
}

/** Makes `runs` order QR images one after another (different totals, as orders have) and takes the p95. */
export async function benchQris(p: { runs?: number } = {}): Promise<QrisBench> {
  const runs = p.runs ?? 300;
  const shop = sticker();
  for (let i = 0; i < 20; i++) await qrisPng(qrisWithAmount(shop, 10_000 + i)); // warm-up: JIT, zlib
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await qrisPng(qrisWithAmount(shop, 15_000 + i * 1_250));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] ?? 0;
  return { qris_image_p95_ms: Math.round(p95 * 100) / 100 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchQris().then(
    (r) => console.log(JSON.stringify(r)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
