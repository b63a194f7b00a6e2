import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { halve, invert, median3, stretchContrast, toGrey, toRgba } from '../../../src/payments/grey-image.js';

const image = (width: number, height: number, values: number[]) => ({ data: Uint8Array.from(values), width, height });

describe('grey image operations', () => {
  it('greys RGB and RGBA by luma, and takes the grey channel of grey+alpha', () => {
    expect([...toGrey(Uint8Array.from([255, 255, 255, 0, 0, 0, 255, 0, 0]), 3, 1, 3).data]).toEqual([255, 0, 76]);
    expect([...toGrey(Uint8Array.from([0, 255, 0, 9]), 1, 1, 4).data]).toEqual([149]);
    expect([...toGrey(Uint8Array.from([200, 0, 50, 255]), 2, 1, 2).data]).toEqual([200, 50]);
  });

  it('stretches the 1st..99th percentile of a dim picture to the full range', () => {
    const dim = image(
      100,
      1,
      Array.from({ length: 100 }, (_, i) => 100 + Math.floor(i / 2)),
    );
    const stretched = stretchContrast(dim);
    expect(Math.min(...stretched.data)).toBe(0);
    expect(Math.max(...stretched.data)).toBe(255);
    expect(stretchContrast(image(2, 1, [7, 7])).data).toEqual(Uint8Array.from([7, 7]));
  });

  it('halves by 2×2 means, dropping an odd last row and column', () => {
    expect(halve(image(3, 3, [0, 100, 9, 200, 100, 9, 9, 9, 9]))).toEqual(image(1, 1, [100]));
  });

  it('takes the median of each 3×3 window, keeping the border', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 25, maxLength: 25 }), (values) => {
        const out = median3(image(5, 5, values)).data;
        for (let y = 0; y < 5; y++) {
          for (let x = 0; x < 5; x++) {
            if (x === 0 || y === 0 || x === 4 || y === 4) {
              expect(out[y * 5 + x]).toBe(values[y * 5 + x]);
              continue;
            }
            const window = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => values[(y + dy) * 5 + x + dx] ?? 0));
            expect(out[y * 5 + x]).toBe(window.sort((a, b) => a - b)[4]);
          }
        }
      }),
    );
  });

  it('inverts, and gives jsQR opaque RGBA', () => {
    expect([...invert(image(2, 1, [0, 200])).data]).toEqual([255, 55]);
    expect([...toRgba(image(1, 1, [42]))]).toEqual([42, 42, 42, 255]);
  });
});
