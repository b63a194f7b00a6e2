import type { ChannelName } from '../chat/ports.js';
import { splitTelegramRate } from './telegram-budget.js';

/** How fast one notify queue sends: at most `max` a second over all processes, `concurrency` at once per process. */
export interface NoticePace {
  max: number;
  concurrency: number;
}

/**
 * The web chat is a page in this server's memory: no platform limit, only our own CPU. 200 a second keeps
 * a burst of notices from starving the chats themselves.
 */
export const WEB_NOTICES_PER_S = 200;

/**
 * Each channel's notices at that channel's own limit (issue 19: every channel was paced at Telegram's
 * notice share, 5 a second, and 33,510 web notices took two hours). Telegram: its notice share of
 * TELEGRAM_RATE_PER_S (telegram-budget.ts); WhatsApp: one per WHATSAPP_INTERVAL_MS, the gateway's own
 * pacer spacing them further; the web chat: WEB_NOTICES_PER_S. The plain queue only forwards to those.
 */
export function noticePaces(p: {
  telegramRatePerSecond: number;
  whatsappIntervalMs?: number;
}): Record<ChannelName | 'unrouted', NoticePace> {
  return {
    telegram: { max: splitTelegramRate(p.telegramRatePerSecond).notify, concurrency: 4 },
    whatsapp: { max: Math.max(1, Math.ceil(1000 / Math.max(1, p.whatsappIntervalMs ?? 2000))), concurrency: 4 },
    web: { max: WEB_NOTICES_PER_S, concurrency: 16 },
    unrouted: { max: WEB_NOTICES_PER_S, concurrency: 8 },
  };
}
