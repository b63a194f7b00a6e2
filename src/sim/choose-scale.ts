import { DAY } from './virtual-time.js';

/**
 * Orders the pipeline carries per real second with everything around it (agents, chat, notices) on two
 * cores, measured on a shared 2-core machine (the notify path is the bottleneck). The scale is chosen from it so that the agents keep up with the
 * clock: the clock is shared by several processes and cannot wait for the slowest one.
 */
export const SUSTAINED_ORDERS_PER_S = 25;
/** Orders per ASN over a month in the agents' model (about two thirds of the quota, plus retries). */
export const ORDERS_PER_BUYER = 2.8;

export function chooseScale(p: { buyers: number; days: number; minRealSeconds?: number }): number {
  const orders = p.buyers * ORDERS_PER_BUYER * (p.days / 31);
  const realSeconds = Math.max(p.minRealSeconds ?? 20, orders / SUSTAINED_ORDERS_PER_S);
  // One virtual day past the ordering window lets the last orders finish.
  return Math.round(((p.days + 1) * DAY) / (realSeconds * 1000));
}
