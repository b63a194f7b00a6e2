import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { crc32 } from 'node:zlib';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_QR_PHOTO_BYTES, parseQris, qrisPng, qrisWithAmount, readQrImage } from '../../../src/payments/index.js';
import { photoScene } from './support/photo-scene.js';
import { buildQris } from './support/qris-builder.js';

const sticker = buildQris({ name: 'TOKO BU NYOMI', city: 'SURABAYA', additional: [['07', 'KASIR01']] });
const payload = qrisWithAmount(sticker, 319_500);

describe('qrisPng', () => {
  it('draws a square PNG that a reader turns back into the exact payload', async () => {
    const png = await qrisPng(payload);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(meta.height);
    expect(meta.width).toBeGreaterThanOrEqual(300);
    expect(await readQrImage(png)).toEqual({ ok: true, text: payload });
  });
});

describe('readQrImage', () => {
  it('reads a JPEG of the QR, scaled up and down', async () => {
    const png = await qrisPng(payload);
    for (const width of [1400, 300]) {
      const jpeg = await sharp(png).resize({ width }).jpeg({ quality: 80 }).toBuffer();
      expect(await readQrImage(jpeg)).toEqual({ ok: true, text: payload });
    }
  });

  it('reads a QR rotated by 90° and by 17°', async () => {
    const png = await qrisPng(payload);
    for (const angle of [90, 17]) {
      const turned = await sharp(png).rotate(angle, { background: '#ffffff' }).png().toBuffer();
      expect(await readQrImage(turned)).toEqual({ ok: true, text: payload });
    }
  });

  it('reads a QR placed on a larger noisy, coloured background, as a JPEG and as a WebP', async () => {
    const png = await qrisPng(payload);
    const tilted = await sharp(png).rotate(17, { background: '#f4f4f4' }).png().toBuffer();
    for (const format of ['jpeg', 'webp'] as const) {
      const scene = await photoScene({ image: tilted, width: 1600, height: 1200, left: 430, top: 250, format });
      expect(await readQrImage(scene)).toEqual({ ok: true, text: payload });
    }
  });

  it.each([
    ['near (a 700 px code)', 700],
    ['distant (a 300 px code: only the full working size resolves its modules)', 300],
  ])('reads a sticker photographed %s in a 4000×3000 JPEG', async (_distance, width) => {
    const small = await sharp(await qrisPng(payload))
      .resize({ width })
      .rotate(17, { background: '#f4f4f4' })
      .png()
      .toBuffer();
    const photo = await photoScene({ image: small, width: 4000, height: 3000, left: 2000, top: 1200 });
    expect(await readQrImage(photo)).toEqual({ ok: true, text: payload });
  });

  it('leaves the event loop mostly free while jsQR searches a hard photo (jsQR runs on a worker thread)', async () => {
    // A distant sticker: jsQR fails on the half size and works through the full size (~0.5 s of CPU).
    const small = await sharp(await qrisPng(payload))
      .resize({ width: 300 })
      .rotate(17, { background: '#f4f4f4' })
      .png()
      .toBuffer();
    const photo = await photoScene({ image: small, width: 4000, height: 3000, left: 2000, top: 1200 });
    const before = performance.eventLoopUtilization();
    expect(await readQrImage(photo)).toEqual({ ok: true, text: payload });
    // Measured here: ~0.3 with the worker, ~0.9 with jsQR on the main thread.
    expect(performance.eventLoopUtilization(before).utilization).toBeLessThan(0.6);
  });

  it('reads light modules on a dark background (an inverted code)', async () => {
    const inverted = await sharp(await qrisPng(payload))
      .negate({ alpha: false })
      .png()
      .toBuffer();
    expect(await readQrImage(inverted)).toEqual({ ok: true, text: payload });
  });

  it('answers no_qr for a photo with no QR code', async () => {
    const label = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const photo = await photoScene({ image: label, width: 1600, height: 1200, left: 400, top: 300 });
    expect(await readQrImage(photo)).toEqual({ ok: false, reason: 'no_qr' });
  });

  it('answers not_image for random bytes and for text', async () => {
    expect(await readQrImage(randomBytes(50_000))).toEqual({ ok: false, reason: 'not_image' });
    expect(await readQrImage(Buffer.from(sticker))).toEqual({ ok: false, reason: 'not_image' });
    expect(await readQrImage(Buffer.alloc(0))).toEqual({ ok: false, reason: 'not_image' });
  });

  it('answers too_large for a 20 MB buffer at once, without decoding it', async () => {
    const header = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    const huge = Buffer.concat([header, Buffer.alloc(20 * 1024 * 1024 - header.length)]);
    const started = performance.now();
    expect(await readQrImage(huge)).toEqual({ ok: false, reason: 'too_large' });
    expect(performance.now() - started).toBeLessThan(50);
    expect(MAX_QR_PHOTO_BYTES).toBe(10 * 1024 * 1024);
  });

  it('answers too_large for a small file whose header claims a giant picture (a decompression bomb)', async () => {
    const bomb = pngClaiming(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
      20_000,
      20_000,
    );
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(20_000);
    expect(await readQrImage(bomb)).toEqual({ ok: false, reason: 'too_large' });
  });

  it('reads a QR holding a URL as that URL, which parseQris refuses as not EMV', async () => {
    const url = 'https://example.com/bayar?toko=42';
    const png = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', width: 400 });
    const read = await readQrImage(png);
    expect(read).toEqual({ ok: true, text: url });
    const parsed = parseQris(read.ok ? read.text : '');
    expect(parsed.ok || parsed.reason).toBe('not_emv');
  });
});

/** The PNG with its IHDR width and height replaced (and the chunk's CRC fixed), the pixel data left small. */
function pngClaiming(png: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(png);
  // Signature (8), IHDR length (4), "IHDR" (4), then width and height; the chunk CRC covers type and data.
  copy.writeUInt32BE(width, 16);
  copy.writeUInt32BE(height, 20);
  copy.writeUInt32BE(crc32(copy.subarray(12, 29)), 29);
  return copy;
}
