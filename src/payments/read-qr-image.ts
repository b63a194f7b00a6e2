import sharp from 'sharp';
import { halve, invert, median3, stretchContrast, toGrey, toRgba, type GreyImage } from './grey-image.js';
import { decodeQr } from './jsqr-thread.js';

/** 10 MiB: larger photos are refused before decoding (chat apps send photos far smaller). */
export const MAX_QR_PHOTO_BYTES = 10 * 1024 * 1024;
/** A phone photo is at most ~50 megapixels; a small file that claims more is a decompression bomb. */
const MAX_PIXELS = 64_000_000;
/**
 * The long side the photo is decoded to. 2000 rather than 2048: a 4000×3000 JPEG then decodes at half scale
 * inside libjpeg (shrink-on-load), several times cheaper than decoding every pixel and resizing.
 */
const WORK_SIDE = 2000;

export type QrImageRead = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'not_image' | 'no_qr' };

/**
 * Reads a QR code from a photo (PNG, JPEG, WebP, GIF, TIFF, AVIF…). sharp decodes it once, turned the way the
 * camera was held (EXIF) and shrunk to at most 2000 px; the rest is done on the grey pixels in JS (see
 * grey-image.ts): contrast stretched, then jsQR tries a half-size copy (2×2 averaging also halves sensor
 * noise), the same after a 3×3 median (noise makes jsQR slow and wrong), the full size with the median (a
 * small or distant code), a quarter size (a blurry code filling the frame), and the inverted half
 * size (light modules on dark). jsQR runs on a worker thread (jsqr-thread.ts). Never throws.
 */
export async function readQrImage(image: Buffer): Promise<QrImageRead> {
  if (!(image instanceof Uint8Array)) return { ok: false, reason: 'not_image' };
  if (image.length > MAX_QR_PHOTO_BYTES) return { ok: false, reason: 'too_large' };
  let work: GreyImage;
  try {
    // No pixel limit for the header alone, so that a giant picture is answered as too large, not as no picture.
    const meta = await sharp(image, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) return { ok: false, reason: 'not_image' };
    if (meta.width * meta.height > MAX_PIXELS) return { ok: false, reason: 'too_large' };
    const { data, info } = await sharp(image, { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize({ width: WORK_SIDE, height: WORK_SIDE, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    work = stretchContrast(toGrey(data, info.width, info.height, info.channels));
  } catch {
    return { ok: false, reason: 'not_image' };
  }
  try {
    for (const attempt of attempts(work)) {
      const picture = attempt();
      const text = await decodeQr(toRgba(picture), picture.width, picture.height);
      if (text !== null) return { ok: true, text };
    }
  } catch {
    // A decoder failure on a decoded picture is as good as no code found.
  }
  return { ok: false, reason: 'no_qr' };
}

/**
 * The pictures to try, cheapest and likeliest first, each made only when the ones before it failed. jsQR
 * time on a 4000×3000 photo (this machine): half size ~110 ms, with the median ~130 ms, full size with the
 * median ~400 ms, quarter ~40 ms.
 */
function* attempts(work: GreyImage): Generator<() => GreyImage> {
  const long = Math.max(work.width, work.height);
  // Half size only when it keeps enough pixels for a sticker that fills a fair part of the frame.
  const half = long > 1200 ? halve(work) : null;
  const main = half ?? work;
  yield () => main;
  yield () => median3(main);
  // The full size as is (no median) would read a code under ~300 px in a 4000 px photo for another ~600 ms:
  // left out, so that a photo without a code is answered sooner; the chat asks for a closer photo.
  if (half) yield () => median3(work);
  if (Math.max(main.width, main.height) > 600) yield () => halve(main);
  // Inverted here rather than by jsQR: its 'onlyInvert' option throws in 1.4.0.
  yield () => invert(main);
}
