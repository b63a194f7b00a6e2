import { describe, expect, it } from 'vitest';
import { areaShops } from '../../../src/sim/create-driver.js';
import type { City, SimBuyer, SimShop } from '../../../src/sim/city.js';

const shop = (id: number, kelurahan: string, active = true): SimShop => ({
  id,
  name: `Toko ${id}`,
  kecamatan: kelurahan.slice(0, 8),
  kelurahan,
  active,
  phones: [],
});
const shops = [
  shop(1, '35.78.01.1001'),
  shop(2, '35.78.01.1002'),
  shop(3, '35.78.02.1001'),
  shop(4, '35.78.01.1001', false),
];
const active = shops.filter((s) => s.active);
const city: City = {
  buyers: [],
  shops,
  shopsByKecamatan: new Map([
    ['35.78.01', active.filter((s) => s.kecamatan === '35.78.01')],
    ['35.78.02', active.filter((s) => s.kecamatan === '35.78.02')],
  ]),
};
const buyer: SimBuyer = { id: 1, phone: '+628100', kecamatan: '35.78.01', home: '35.78.01.1001', quota: 1 };
const ids = (l: readonly SimShop[]) => l.map((s) => s.id);

describe("the direct driver's shops under the run's area policy (--area)", () => {
  it('lists the active shops of the buyer’s kelurahan, kecamatan or the whole city, never an inactive one', () => {
    expect(ids(areaShops(city, 'kelurahan')(buyer))).toEqual([1]);
    expect(ids(areaShops(city, 'kecamatan')(buyer))).toEqual([1, 2]);
    expect(ids(areaShops(city, 'city')(buyer))).toEqual([1, 2, 3]);
  });
});
