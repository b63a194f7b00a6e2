/**
 * Which notices go first when a channel's queue is long (issue 19: after a burst, shops saw new orders
 * hours late behind other notices). BullMQ takes a lower number first, FIFO within one; a job without a
 * priority would jump every queue, so every notice job gets one.
 *
 * - `urgent`: a shop must answer before the order's deadline (a new order, its reminder);
 * - `normal`: every other template, including ones added later, unless listed below: someone waits for it;
 * - `bulk`: mass notices nobody is waiting for at that minute (list their templates here).
 */
export const NOTICE_PRIORITY = { urgent: 1, normal: 5, bulk: 10 } as const;

const URGENT: ReadonlySet<string> = new Set(['order.new', 'order.reminder']);
const BULK_PREFIXES: readonly string[] = ['bulk.', 'quota.', 'prompt.'];

export function noticePriority(template: string): number {
  if (URGENT.has(template)) return NOTICE_PRIORITY.urgent;
  if (BULK_PREFIXES.some((p) => template.startsWith(p))) return NOTICE_PRIORITY.bulk;
  return NOTICE_PRIORITY.normal;
}
