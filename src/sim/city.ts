import type { Db } from '../db/database.js';
import { seedDemo } from '../demo/seed-demo.js';
import { homeKelurahan, kecamatanOf } from '../areas/area-policy.js';
import type { Clock } from '../shared/clock.js';
import { simBuyers, simShops } from './sim.repository.js';

export interface SimBuyer {
  id: number;
  phone: string;
  kecamatan: string;
  /** Where the buyer shops from (domicile, or office for those living outside the city). */
  home: string;
  quota: number;
}

export interface SimShop {
  id: number;
  name: string;
  kecamatan: string;
  kelurahan: string;
  active: boolean;
  /** Owner first, then helpers: who gets the notices and may answer them. */
  phones: string[];
}

export interface City {
  buyers: SimBuyer[];
  shops: SimShop[];
  /** Active shops per kecamatan (policy `kecamatan`, the default). */
  shopsByKecamatan: Map<string, SimShop[]>;
}

/**
 * Builds the run's city with the demo generator: ASN of every position class in the real kelurahan, shops
 * of the four kinds (one in twenty still unverified), goods and prices per kind. Deterministic for a seed.
 */
export async function buildCity(
  db: Db,
  p: { clock: Clock; buyers: number; shops: number; seed: number },
): Promise<City> {
  await seedDemo(db, {
    clock: p.clock,
    buyers: p.buyers,
    shopsPerKind: Math.ceil(p.shops / 4),
    seed: p.seed,
    linkOwners: false,
  });
  const buyerRows = await simBuyers(db);
  const buyers = buyerRows.map((b) => ({
    id: b.id,
    phone: b.phone,
    kecamatan: kecamatanOf(homeKelurahan(b)),
    home: homeKelurahan(b),
    quota: b.min_monthly,
  }));
  const shopRows = await simShops(db);
  const shops = shopRows.map((s) => ({
    id: s.id,
    name: s.name,
    kecamatan: kecamatanOf(s.kelurahan_code),
    kelurahan: s.kelurahan_code,
    active: s.status === 'active' && s.is_open === 1,
    phones: (s.phones ?? '').split(',').filter(Boolean),
  }));
  const shopsByKecamatan = new Map<string, SimShop[]>();
  for (const s of shops.filter((x) => x.active))
    shopsByKecamatan.set(s.kecamatan, [...(shopsByKecamatan.get(s.kecamatan) ?? []), s]);
  return { buyers, shops, shopsByKecamatan };
}
