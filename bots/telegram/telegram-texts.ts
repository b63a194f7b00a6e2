import { catalogs, type Language } from '../flows/texts/index.js';

/**
 * Updates that never reach the engine (an edited message, a group chat) are answered by the adapter, with
 * texts from the flows' catalog. The adapter cannot read the chat's stored language, so it goes by the
 * Telegram app's language, Indonesian by default.
 */
export type TelegramNotice = 'editedMessage' | 'privateChatOnly';

/** The Telegram app's language as ours: English for English apps, Indonesian for everything else. */
export function languageOf(languageCode: string | undefined): Language {
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : 'id';
}

export function noticeText(language: Language, notice: TelegramNotice): string {
  return catalogs[language][notice];
}
