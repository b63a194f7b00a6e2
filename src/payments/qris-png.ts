import QRCode from 'qrcode';
import sharp from 'sharp';

/** Pixels per side at least: sharp on a phone screen, small enough for a chat photo (a few kB). */
const MIN_SIZE_PX = 480;
/** Light modules around the code, in modules: the quiet zone readers need (4 by the QR standard). */
const QUIET_ZONE = 4;

/**
 * A PNG of the QR code (error correction M, a 4-module quiet zone, sized for a phone screen). The modules come
 * from the qrcode library; sharp draws them (qrcode's own PNG writer takes ~100 ms an image, sharp a few; a palette PNG would be smaller but its quantizer costs ~15 ms).
 */
export async function qrisPng(payload: string): Promise<Buffer> {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const side = modules.size + 2 * QUIET_ZONE;
  // Whole pixels per module, so that every module has the same size and a reader sees a clean grid.
  const scale = Math.ceil(MIN_SIZE_PX / side);
  const pixels = side * scale;
  const image = Buffer.alloc(pixels * pixels, 255);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      const top = (row + QUIET_ZONE) * scale;
      const left = (col + QUIET_ZONE) * scale;
      for (let y = top; y < top + scale; y++) image.fill(0, y * pixels + left, y * pixels + left + scale);
    }
  }
  return sharp(image, { raw: { width: pixels, height: pixels, channels: 1 } })
    .png({ compressionLevel: 6 })
    .toBuffer();
}
