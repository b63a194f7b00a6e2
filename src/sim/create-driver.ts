import { createDirectDriver } from './direct-driver.js';
import type { SimDriver } from './driver.js';
// Type only: the engine driver module (and bots/flows with it) still loads only when asked for.
import type { DriverDeps } from './engine-driver.js';
import { createSimListing } from './sim-listing.js';
import { inArea, type AreaPolicy } from '../areas/area-policy.js';
import type { City, SimBuyer, SimShop } from './city.js';

/**
 * The active shops a buyer may order from under the area policy (the direct driver's own listing), by the
 * product's own rule (inArea); a sim buyer's home kelurahan is where it shops.
 */
export function areaShops(city: City, area: AreaPolicy): (buyer: SimBuyer) => readonly SimShop[] {
  const all = city.shops.filter((s) => s.active);
  return (b) => all.filter((s) => inArea(area, { domicile_kelurahan: b.home, office_kelurahan: b.home }, s.kelurahan));
}

/** Builds the driver the options ask for; the engine driver (and bots/flows) is loaded only when used. */
export async function createDriver(p: DriverDeps & { kind: 'direct' | 'engine' }): Promise<SimDriver> {
  if (p.kind === 'engine') {
    const { createEngineDriver } = await import('./engine-driver.js');
    return createEngineDriver(p);
  }
  const list = createSimListing({ db: p.core.db, clock: p.core.clock, settings: p.core.settings, policy: p.listing });
  return createDirectDriver({
    db: p.core.db,
    orders: p.core.orders,
    list,
    shopsOf: areaShops(p.city, p.area),
    duplicateRate: p.duplicateRate,
  });
}
