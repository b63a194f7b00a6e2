import { describe, expect, it } from 'vitest';
import { giniBetweenKecamatan } from '../../../src/sim/spread-floor.js';
import { gini } from '../../../src/shared/gini.js';

// Two kecamatan (35.78.01, 35.78.02); kelurahan codes start with their kecamatan's code.
const shop = (kelurahanCode: string, revenue: number) => ({ kelurahanCode, revenue });

describe('the Gini between kecamatan (issue 20: what a listing inside one kecamatan cannot move)', () => {
  it('is 0 when every kecamatan earns the same per shop, however unequal the shops inside each are', () => {
    const shops = [
      shop('35.78.01.1001', 0),
      shop('35.78.01.1002', 10),
      shop('35.78.02.1001', 5),
      shop('35.78.02.1003', 5),
    ];
    expect(gini(shops.map((s) => s.revenue))).toBeGreaterThan(0.2);
    expect(giniBetweenKecamatan(shops)).toBe(0);
  });

  it('is the Gini of the kecamatan means, one per shop, when the kecamatan differ', () => {
    // 35.78.01: mean 30 over two shops; 35.78.02: mean 10 over two shops → the Gini of [10, 10, 30, 30].
    const shops = [
      shop('35.78.01.1001', 20),
      shop('35.78.01.1002', 40),
      shop('35.78.02.1001', 0),
      shop('35.78.02.1002', 20),
    ];
    expect(giniBetweenKecamatan(shops)).toBeCloseTo(gini([10, 10, 30, 30]), 10);
    expect(giniBetweenKecamatan(shops)).toBeCloseTo(0.25, 10);
    expect(giniBetweenKecamatan(shops)).toBeLessThan(gini(shops.map((s) => s.revenue)));
  });
});
