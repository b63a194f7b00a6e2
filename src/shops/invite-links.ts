import type { ChannelName } from '../chat/ports.js';

/** Where the deployment's bots can be reached, for invitation links; a channel left out is not set up. */
export interface InviteTargets {
  /** The Telegram bot's username (TELEGRAM_BOT_USERNAME, or getMe when the bot runs here). */
  telegramUsername?: string;
  /** The WhatsApp gateway's own number, E.164 (WHATSAPP_NUMBER). */
  whatsappNumber?: string;
  /** The server's own origin ("https://peken.example"): the demo web chat is always there. */
  webOrigin: string;
}

export type InviteLink =
  | { channel: ChannelName; url: string }
  /** Not set up: the page says which variable is missing instead of showing a broken link. */
  | { channel: ChannelName; url: null; missing: string };

/**
 * A shop's invitation links, WhatsApp first (what most shopkeepers have), each opening the bot with the
 * shop's start parameter: Telegram's deep link (`/start <param>`), WhatsApp's chat link with the parameter
 * as the first message's text, and the web chat with `?start=` (it fills the message box with it).
 */
export function inviteLinks(param: string, to: InviteTargets): InviteLink[] {
  const p = encodeURIComponent(param);
  return [
    to.whatsappNumber
      ? { channel: 'whatsapp', url: `https://wa.me/${to.whatsappNumber.replace(/\D/g, '')}?text=${p}` }
      : { channel: 'whatsapp', url: null, missing: 'WHATSAPP_NUMBER' },
    to.telegramUsername
      ? { channel: 'telegram', url: `https://t.me/${to.telegramUsername}?start=${p}` }
      : { channel: 'telegram', url: null, missing: 'TELEGRAM_BOT_USERNAME' },
    { channel: 'web', url: `${to.webOrigin}/chat?start=${p}` },
  ];
}
