import { DAY } from './virtual-time.js';

/**
 * Orders per real second, averaged over the month, that the pipeline carries with everything around it
 * (agents, chat, notices) on a shared, loaded 2-core machine. Through the engine an order is about ten chat
 * messages, some 30 ms of CPU in the simulation's process (the listing and the catalog are the dearest
 * screens), and that process also delivers every notice; buyers order by day, so the daytime peak is about
 * twice the average. When that process falls behind, notices arrive late and shops answer after the
 * expiry. The scale is chosen from it so that the agents keep up with the clock: the clock is shared by
 * several processes and cannot wait for the slowest one.
 */
export const SUSTAINED_ORDERS_PER_S = { direct: 25, engine: 5 } as const;
/** Orders per ASN over a month in the agents' model (about two thirds of the quota, plus retries). */
export const ORDERS_PER_BUYER = 2.8;
/**
 * Never faster than this: a shop has two virtual hours to answer, and a notice takes a few hundred real
 * milliseconds to arrive when the machine is busy, so two hours must stay above a real second.
 */
export const MAX_SCALE = { direct: 20_000, engine: 6_000 } as const;

export function chooseScale(p: { buyers: number; days: number; driver: 'direct' | 'engine'; minRealSeconds?: number }): number {
  const orders = p.buyers * ORDERS_PER_BUYER * (p.days / 31);
  const realSeconds = Math.max(p.minRealSeconds ?? 20, orders / SUSTAINED_ORDERS_PER_S[p.driver]);
  // One virtual day past the ordering window lets the last orders finish.
  return Math.min(MAX_SCALE[p.driver], Math.round(((p.days + 1) * DAY) / (realSeconds * 1000)));
}
