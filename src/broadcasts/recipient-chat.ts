import type { ChannelName } from './broadcast.repository.js';

/** One of a person's chats a broadcast can use, with the language of its conversation. */
export interface RecipientChat {
  channel: ChannelName;
  chatId: string;
  language: 'id' | 'en';
}

/**
 * The chat a broadcast uses for one person, from their chats most recently linked first: the most recent
 * on a channel some process sends through now (`live`), else the most recent of all (it waits out the
 * runner's grace, as a channel restarting would). `live` null (the heartbeat could not be read) picks the
 * most recent: without knowing, the person's latest choice wins.
 */
export function pickChat(
  chats: readonly RecipientChat[],
  live: ReadonlySet<ChannelName> | null,
): RecipientChat | undefined {
  return (live && chats.find((c) => live.has(c.channel))) || chats[0];
}
