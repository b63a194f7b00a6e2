/**
 * The few texts the Telegram adapter says itself, for updates that never reach the engine (it cannot read
 * the chat's stored language, so it goes by the Telegram app's language, Indonesian by default). The
 * button labels match the wording of the engine's catalog ("Bagikan nomor").
 */
export type AdapterLanguage = 'id' | 'en';

export const telegramTexts = {
  id: {
    shareContact: '📱 Bagikan nomor',
    edited: 'Pesan yang diubah tidak saya baca. Silakan kirim pesan baru.',
    groupOnly: 'peken hanya melayani lewat chat pribadi. Silakan kirim pesan langsung ke saya.',
    apology: 'Maaf, ada gangguan. Silakan coba lagi sebentar lagi.',
  },
  en: {
    shareContact: '📱 Share number',
    edited: 'I do not read edited messages. Please send a new message.',
    groupOnly: 'peken works in private chats only. Please message me directly.',
    apology: 'Sorry, something went wrong. Please try again in a moment.',
  },
} as const satisfies Record<AdapterLanguage, Record<string, string>>;

export type TelegramNotice = 'edited' | 'groupOnly' | 'apology';

/** The Telegram app's language as ours: English for English apps, Indonesian for everything else. */
export function languageOf(languageCode: string | undefined): AdapterLanguage {
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : 'id';
}
