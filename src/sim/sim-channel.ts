import type { ChatChannel, OutboundMessage } from '../chat/ports.js';
import type { FaultyApi } from './chat-api.js';

/**
 * The chat channel of the engine driver: the `web` channel as the chat layer sees it, whose `send` goes
 * through the faulty chat API (slow, failing before or after the message went out) and lands in the
 * agents' chat log.
 */
export function createSimChannel(deps: {
  api: FaultyApi;
  received: (chatId: string, message: OutboundMessage) => void;
}): ChatChannel {
  return {
    name: 'web',
    send: (chatId, message) => deps.api.call(() => deps.received(chatId, message)),
  };
}
