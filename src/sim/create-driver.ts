import type { Core } from '../app/core.js';
import type { NotificationToDeliver } from '../notify/delivery.js';
import type { FaultyApi } from './chat-api.js';
import type { City } from './city.js';
import { createDirectDriver } from './direct-driver.js';
import type { SimDriver } from './driver.js';
import { createSimListing, type ListingOrder } from './sim-listing.js';

/** Builds the driver the options ask for; the engine driver (and bots/flows) is loaded only when used. */
export async function createDriver(p: {
  kind: 'direct' | 'engine';
  core: Core;
  city: City;
  listing: ListingOrder;
  seed: number;
  duplicateRate: number;
  api: FaultyApi;
  onNotice: (n: NotificationToDeliver) => void;
}): Promise<SimDriver> {
  if (p.kind === 'engine') {
    const { createEngineDriver } = await import('./engine-driver.js');
    return createEngineDriver(p);
  }
  const list = createSimListing({ db: p.core.db, clock: p.core.clock, settings: p.core.settings, order: p.listing });
  return createDirectDriver({ db: p.core.db, orders: p.core.orders, list, shopsByKecamatan: p.city.shopsByKecamatan, duplicateRate: p.duplicateRate });
}
