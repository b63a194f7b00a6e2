import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WhatsAppMedia } from './whatsapp-client.js';

/** The largest photo kept from a chat (Telegram's adapter uses the same limit). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/heic': 'heic',
};

/**
 * Saves a downloaded attachment under `mediaDir` and returns its path. The name comes from the message id
 * with everything but letters, digits, `_` and `-` replaced, so that no id can climb out of the folder.
 */
export async function saveMedia(props: { mediaDir: string; messageId: string; media: WhatsAppMedia }): Promise<string> {
  const base = props.messageId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 120) || 'media';
  const mime = props.media.mimetype.split(';')[0]!.trim().toLowerCase();
  const ext = EXTENSIONS[mime] ?? 'bin';
  await mkdir(props.mediaDir, { recursive: true });
  const path = join(props.mediaDir, `${base}.${ext}`);
  await writeFile(path, Buffer.from(props.media.data, 'base64'));
  return path;
}
