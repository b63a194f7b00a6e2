import type { Core } from '../app/core.js';
import type { City } from './city.js';
import type { SimDriver } from './driver.js';
import type { ListingOrder } from './sim-listing.js';

/** Agents chatting with the conversation engine (bots/flows), as people do on Telegram and WhatsApp. */
export async function createEngineDriver(_p: { core: Core; city: City; listing: ListingOrder; duplicateRate: number }): Promise<SimDriver> {
  throw new Error('the conversation engine (bots/flows) is not available yet: use --driver direct');
}
