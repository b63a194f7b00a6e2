import { DAY } from './virtual-time.js';

/**
 * Orders per real second, averaged over the month, that the pipeline carries with everything around it
 * (agents, chat, notices, two worker processes, faults) on a 2-core machine. Measured at full size (13,000
 * ASN, 1,100 shops, seed 1, 27 Nov 2026): the engine driver carried 24.7 orders/s at ×1,139 with notices
 * arriving in about a virtual minute, and one wobble mid-month that it recovered from. The margin is thin:
 * when the machine falls behind, notices arrive late, orders expire, buyers try again within hours and the
 * load grows, and a run at that scale that shared the machine with test runs never recovered (three
 * quarters of its orders expired). The scale is chosen from this so that the agents keep up with the
 * clock: the clock is shared by several processes and cannot wait for the slowest one.
 */
export const SUSTAINED_ORDERS_PER_S = { direct: 25, engine: 24 } as const;
/** Orders per ASN over a month in the agents' model, retries included (59,583 for 13,000 ASN, measured). */
export const ORDERS_PER_BUYER = 4.6;
/**
 * Never faster than this: a shop has two virtual hours to answer, and a notice takes a few hundred real
 * milliseconds to arrive when the machine is busy, so two hours must stay above a real second.
 */
export const MAX_SCALE = { direct: 20_000, engine: 6_000 } as const;

export function chooseScale(p: {
  buyers: number;
  days: number;
  driver: 'direct' | 'engine';
  minRealSeconds?: number;
}): number {
  const orders = p.buyers * ORDERS_PER_BUYER * (p.days / 31);
  const realSeconds = Math.max(p.minRealSeconds ?? 20, orders / SUSTAINED_ORDERS_PER_S[p.driver]);
  // One virtual day past the ordering window lets the last orders finish.
  return Math.min(MAX_SCALE[p.driver], Math.round(((p.days + 1) * DAY) / (realSeconds * 1000)));
}
