/**
 * Telegram allows about 30 messages a second per bot, across everything the bot sends. Notices and
 * broadcasts run on separate BullMQ queues, each with its own limiter, so the configured rate is split
 * between them rather than given to each: a 13,000-person broadcast must not push order notices (or
 * itself) past the limit. Notices get a fifth (5/s of the default 25 is 18,000 an hour, far above what a
 * city's orders produce), broadcasts the rest.
 */
export function splitTelegramRate(total: number): { notify: number; broadcast: number } {
  if (total <= 1) return { notify: 1, broadcast: 1 };
  const notify = Math.max(1, Math.ceil(total / 5));
  return { notify, broadcast: Math.max(1, total - notify) };
}
