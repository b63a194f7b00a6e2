import sharp from 'sharp';

/**
 * A phone-photo-like scene for QR reading tests: the image placed on a larger background of coloured blotches
 * (a table, a wall, goods) with fine sensor noise on top, saved as a JPEG.
 */
export async function photoScene(input: {
  image: Buffer;
  width: number;
  height: number;
  left: number;
  top: number;
  format?: 'jpeg' | 'webp' | 'png';
}): Promise<Buffer> {
  const { width, height } = input;
  const blotches = await sharp({
    create: { width: Math.ceil(width / 40), height: Math.ceil(height / 40), channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
  })
    .png()
    .toBuffer();
  const background = await sharp(blotches).resize({ width, height, kernel: 'cubic' }).png().toBuffer();
  const grain = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 20 } } }).png().toBuffer();
  const scene = sharp(background).composite([
    { input: grain, blend: 'overlay' },
    { input: input.image, left: input.left, top: input.top },
  ]);
  const format = input.format ?? 'jpeg';
  if (format === 'webp') return scene.webp({ quality: 85 }).toBuffer();
  if (format === 'png') return scene.png().toBuffer();
  return scene.jpeg({ quality: 85 }).toBuffer();
}
