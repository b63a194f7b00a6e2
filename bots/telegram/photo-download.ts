import type { Api } from 'grammy';
import { MAX_PHOTO_BYTES, saveMedia } from '../whatsapp/media-store.js';

// Telegram's bots may download files up to 20 MB; a product photo or a QRIS sticker needs far less.

/** A photo over MAX_PHOTO_BYTES: not downloaded, and the person is told why. */
export class PhotoTooLargeError extends Error {
  constructor() {
    super('photo too large');
    this.name = 'PhotoTooLargeError';
  }
}

export interface PhotoSource {
  api: Api;
  token: string;
  apiRoot: string;
  mediaDir: string;
}

/**
 * Fetches a photo from Telegram and saves it under the media folder, named after the update id, for the
 * engine to read. Telegram re-encodes photos as JPEG.
 */
export async function downloadPhoto(src: PhotoSource, fileId: string, messageId: string): Promise<string> {
  const file = await src.api.getFile(fileId);
  if (!file.file_path) throw new Error('Telegram getFile gave no file_path');
  if (file.file_size !== undefined && file.file_size > MAX_PHOTO_BYTES) throw new PhotoTooLargeError();
  const res = await fetch(`${src.apiRoot}/file/bot${src.token}/${file.file_path}`, {
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`Telegram file download: HTTP ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > MAX_PHOTO_BYTES) throw new PhotoTooLargeError();
  return saveMedia({
    mediaDir: src.mediaDir,
    messageId: `tg-${messageId}`,
    media: { mimetype: 'image/jpeg', data: bytes.toString('base64') },
  });
}
