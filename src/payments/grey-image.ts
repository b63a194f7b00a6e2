/**
 * The few pixel operations QR reading needs, on 8-bit grey images in plain typed arrays: a loop in JS costs a
 * few milliseconds where the same libvips operation through sharp (a second pipeline pass) costs ten times
 * more on a phone photo.
 */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Luma (BT.601, integer weights) of interleaved pixels with `channels` 1-4 (alpha ignored). */
export function toGrey(pixels: Uint8Array, width: number, height: number, channels: number): GreyImage {
  if (channels === 1) return { data: pixels, width, height };
  const data = new Uint8Array(width * height);
  if (channels === 2) {
    for (let i = 0; i < data.length; i++) data[i] = pixels[i * 2] ?? 0;
  } else {
    for (let i = 0, j = 0; i < data.length; i++, j += channels) {
      data[i] = ((pixels[j] ?? 0) * 77 + (pixels[j + 1] ?? 0) * 150 + (pixels[j + 2] ?? 0) * 29) >> 8;
    }
  }
  return { data, width, height };
}

/** Stretches the 1st..99th percentile of brightness to 0..255, so that a dim or washed-out photo has contrast. */
export function stretchContrast(image: GreyImage): GreyImage {
  const histogram = new Uint32Array(256);
  for (const value of image.data) histogram[value] = (histogram[value] ?? 0) + 1;
  const cut = Math.floor(image.data.length / 100);
  let low = 0;
  for (let seen = 0; low < 255 && seen + (histogram[low] ?? 0) <= cut; low++) seen += histogram[low] ?? 0;
  let high = 255;
  for (let seen = 0; high > 0 && seen + (histogram[high] ?? 0) <= cut; high--) seen += histogram[high] ?? 0;
  if (high <= low) return image;
  const table = new Uint8Array(256);
  for (let value = 0; value < 256; value++)
    table[value] = Math.max(0, Math.min(255, Math.round(((value - low) * 255) / (high - low))));
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = table[image.data[i] ?? 0] ?? 0;
  return { data, width: image.width, height: image.height };
}

/** Half the size, each pixel the mean of a 2×2 block: averaging also halves sensor noise. */
export function halve(image: GreyImage): GreyImage {
  const width = image.width >> 1;
  const height = image.height >> 1;
  const data = new Uint8Array(width * height);
  const source = image.data;
  const stride = image.width;
  for (let y = 0; y < height; y++) {
    const top = 2 * y * stride;
    for (let x = 0; x < width; x++) {
      const at = top + 2 * x;
      data[y * width + x] =
        ((source[at] ?? 0) + (source[at + 1] ?? 0) + (source[at + stride] ?? 0) + (source[at + stride + 1] ?? 0) + 2) >>
        2;
    }
  }
  return { data, width, height };
}

/** 3×3 median: takes speckle noise away and keeps edges, so jsQR sees fewer false finder patterns. */
export function median3(image: GreyImage): GreyImage {
  const { width, height } = image;
  const s = image.data;
  const data = Uint8Array.from(s);
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const at = row + x;
      // Paeth's 19 compare-exchange network for the median of nine.
      let p0 = s[at - width - 1]!,
        p1 = s[at - width]!,
        p2 = s[at - width + 1]!;
      let p3 = s[at - 1]!,
        p4 = s[at]!,
        p5 = s[at + 1]!;
      let p6 = s[at + width - 1]!,
        p7 = s[at + width]!,
        p8 = s[at + width + 1]!;
      let t: number;
      if (p1 > p2) {
        t = p1;
        p1 = p2;
        p2 = t;
      }
      if (p4 > p5) {
        t = p4;
        p4 = p5;
        p5 = t;
      }
      if (p7 > p8) {
        t = p7;
        p7 = p8;
        p8 = t;
      }
      if (p0 > p1) {
        t = p0;
        p0 = p1;
        p1 = t;
      }
      if (p3 > p4) {
        t = p3;
        p3 = p4;
        p4 = t;
      }
      if (p6 > p7) {
        t = p6;
        p6 = p7;
        p7 = t;
      }
      if (p1 > p2) {
        t = p1;
        p1 = p2;
        p2 = t;
      }
      if (p4 > p5) {
        t = p4;
        p4 = p5;
        p5 = t;
      }
      if (p7 > p8) {
        t = p7;
        p7 = p8;
        p8 = t;
      }
      if (p0 > p3) p3 = p0;
      if (p5 > p8) p5 = p8;
      if (p4 > p7) {
        t = p4;
        p4 = p7;
        p7 = t;
      }
      if (p3 > p6) p6 = p3;
      if (p1 > p4) p4 = p1;
      if (p2 > p5) p2 = p5;
      if (p4 > p7) p4 = p7;
      if (p4 > p2) {
        t = p4;
        p4 = p2;
        p2 = t;
      }
      if (p6 > p4) p4 = p6;
      if (p4 > p2) p4 = p2;
      data[at] = p4;
    }
  }
  return { data, width, height };
}

export function invert(image: GreyImage): GreyImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 255 - (image.data[i] ?? 0);
  return { data, width: image.width, height: image.height };
}

/** RGBA for jsQR, which takes nothing else; it greys it again itself. */
export function toRgba(image: GreyImage): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(image.data.length * 4);
  for (let i = 0, j = 0; i < image.data.length; i++, j += 4) {
    const value = image.data[i] ?? 0;
    rgba[j] = value;
    rgba[j + 1] = value;
    rgba[j + 2] = value;
    rgba[j + 3] = 255;
  }
  return rgba;
}
