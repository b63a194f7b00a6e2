import sharp from 'sharp';
import { seededRandom } from '../../../../src/shared/random.js';

/**
 * A phone-photo-like scene for QR reading tests: the image placed on a larger background of coloured blotches
 * (a table, a wall, goods) with fine sensor grain on top, saved as a JPEG (or WebP/PNG). The grain is added in
 * JS from a seeded generator: libvips' gaussian noise and overlay blend took seconds on a 12 MP scene.
 */
export async function photoScene(input: {
  image: Buffer;
  width: number;
  height: number;
  left: number;
  top: number;
  format?: 'jpeg' | 'webp' | 'png';
  seed?: number;
}): Promise<Buffer> {
  const { width, height } = input;
  const random = seededRandom(input.seed ?? 13);
  const small = { width: Math.ceil(width / 40), height: Math.ceil(height / 40), channels: 3 as const };
  const blotches = Buffer.alloc(small.width * small.height * 3);
  for (let i = 0; i < blotches.length; i++) blotches[i] = random.int(0, 255);
  const background = await sharp(blotches, { raw: small })
    .resize({ width, height, fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer();
  for (let i = 0; i < background.length; i++)
    background[i] = Math.max(0, Math.min(255, (background[i] ?? 0) + random.int(-20, 20)));
  const scene = sharp(background, { raw: { width, height, channels: 3 } }).composite([
    { input: input.image, left: input.left, top: input.top },
  ]);
  const format = input.format ?? 'jpeg';
  if (format === 'webp') return scene.webp({ quality: 85 }).toBuffer();
  if (format === 'png') return scene.png().toBuffer();
  return scene.jpeg({ quality: 85 }).toBuffer();
}
