import jsqr from 'jsqr';
import sharp, { type Sharp } from 'sharp';

// jsqr is a webpack bundle whose typings declare an ES default export: under nodenext it lands on `.default`.
const jsQR = jsqr.default;

/** 10 MiB: larger photos are refused before decoding (chat apps send photos far smaller). */
export const MAX_QR_PHOTO_BYTES = 10 * 1024 * 1024;
/** A phone photo is at most ~50 megapixels; a small file that claims more is a decompression bomb. */
const MAX_PIXELS = 64_000_000;
/** The long side the photo is decoded to: a sticker photographed from a step away stays readable. */
const WORK_SIDE = 2048;

/**
 * What is tried, most likely first, and each costs jsQR time on the event loop. 1024 px reads a sticker that
 * fills a fair part of the frame; the full work size reads a small or distant one, after a 3×3 median that
 * takes the sensor noise away (jsQR sees noise as false finder patterns and slows down); a small copy reads a
 * blurry one; the inverted picture reads light modules on dark.
 */
const ATTEMPTS: ReadonlyArray<{ side: number; median: boolean; invert: boolean }> = [
  { side: 1024, median: false, invert: false },
  { side: WORK_SIDE, median: true, invert: false },
  { side: 640, median: true, invert: false },
  { side: 1024, median: false, invert: true },
];

export type QrImageRead = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'not_image' | 'no_qr' };

interface Grey {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Reads a QR code from a photo (PNG, JPEG, WebP, GIF, TIFF, AVIF…): sharp decodes it once, turns it the way
 * the camera held it (EXIF), shrinks a big photo and makes it grey with stretched contrast; jsQR then looks at
 * a few scales, and at the inverted picture (light modules on dark), before giving up. Never throws.
 */
export async function readQrImage(image: Buffer): Promise<QrImageRead> {
  if (!(image instanceof Uint8Array)) return { ok: false, reason: 'not_image' };
  if (image.length > MAX_QR_PHOTO_BYTES) return { ok: false, reason: 'too_large' };
  let work: Grey;
  try {
    // No pixel limit for the header alone, so that a giant picture is answered as too large, not as no picture.
    const meta = await sharp(image, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) return { ok: false, reason: 'not_image' };
    if (meta.width * meta.height > MAX_PIXELS) return { ok: false, reason: 'too_large' };
    work = await greyscale(
      sharp(image, { limitInputPixels: MAX_PIXELS })
        .rotate()
        .resize({ width: WORK_SIDE, height: WORK_SIDE, fit: 'inside', withoutEnlargement: true }),
    );
  } catch {
    return { ok: false, reason: 'not_image' };
  }
  try {
    const longSide = Math.max(work.width, work.height);
    const tried = new Set<string>();
    for (const attempt of ATTEMPTS) {
      const side = Math.min(attempt.side, longSide);
      const key = `${side}/${attempt.median}/${attempt.invert}`;
      if (tried.has(key)) continue;
      tried.add(key);
      let pipeline: Sharp | null = side === longSide ? null : fromRaw(work).resize({ width: side, height: side, fit: 'inside' });
      if (attempt.median) pipeline = (pipeline ?? fromRaw(work)).median(3);
      const grey = pipeline ? await greyscale(pipeline) : work;
      const text = decode(grey, attempt.invert);
      if (text !== null) return { ok: true, text };
    }
  } catch {
    // A decoder failure on a decoded picture is as good as no code found.
  }
  return { ok: false, reason: 'no_qr' };
}

async function greyscale(pipeline: Sharp): Promise<Grey> {
  const { data, info } = await pipeline.greyscale().normalise().raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return { data, width: info.width, height: info.height };
  // greyscale() may keep an alpha channel: take the first channel of each pixel.
  const grey = Buffer.alloc(info.width * info.height);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * info.channels] ?? 0;
  return { data: grey, width: info.width, height: info.height };
}

function fromRaw(grey: Grey): Sharp {
  return sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } });
}

function decode(grey: Grey, invert: boolean): string | null {
  // jsQR wants RGBA; it greys it again itself, so the grey value goes in every colour channel.
  const rgba = new Uint8ClampedArray(grey.width * grey.height * 4);
  for (let i = 0, j = 0; i < grey.data.length; i++, j += 4) {
    const value = invert ? 255 - (grey.data[i] ?? 0) : (grey.data[i] ?? 0);
    rgba[j] = value;
    rgba[j + 1] = value;
    rgba[j + 2] = value;
    rgba[j + 3] = 255;
  }
  // Inverted here rather than by jsQR: its 'onlyInvert' option throws in 1.4.0.
  const code = jsQR(rgba, grey.width, grey.height, { inversionAttempts: 'dontInvert' });
  return code ? code.data : null;
}
