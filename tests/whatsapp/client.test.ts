import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChromiumMissingError,
  chatIdToPhone,
  createWhatsAppWebClient,
  numberToPhone,
  phoneFromVCard,
  phoneToChatId,
} from '../../bots/whatsapp/index.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'peken-wa-client-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('whatsapp-web.js client', () => {
  it('says how to install Chromium when none is at the configured path', () => {
    const path = join(dataDir, 'no-chromium-here');
    expect(() => createWhatsAppWebClient({ dataDir, chromiumPath: path })).toThrow(ChromiumMissingError);
    expect(() => createWhatsAppWebClient({ dataDir, chromiumPath: path })).toThrow(
      `WhatsApp needs Chromium: none found at ${path}. Install Debian's chromium (apt-get install chromium) or set WHATSAPP_CHROMIUM_PATH.`,
    );
  });

  it('builds the real client behind the port without launching a browser', () => {
    // Any existing file passes the check; the browser only starts on initialize(), which is not called.
    const client = createWhatsAppWebClient({ dataDir, chromiumPath: process.execPath });
    for (const method of [
      'on',
      'initialize',
      'destroy',
      'sendMessage',
      'sendImage',
      'getContactById',
      'getContactLidAndPhone',
    ] as const) {
      expect(typeof client[method]).toBe('function');
    }
  });
});

describe('chat ids and phones', () => {
  it('turns a phone into its @c.us chat and back', () => {
    expect(phoneToChatId('+6281234567890')).toBe('6281234567890@c.us');
    expect(chatIdToPhone('6281234567890@c.us')).toBe('+6281234567890');
    expect(() => phoneToChatId('+62 812')).toThrow();
  });

  it('gives no phone for groups, @lid ids and broadcasts', () => {
    expect(chatIdToPhone('120363012345678901@g.us')).toBeNull();
    expect(chatIdToPhone('123456789012345@lid')).toBeNull();
    expect(chatIdToPhone('status@broadcast')).toBeNull();
  });

  it('reads the numbers people put in contacts', () => {
    expect(numberToPhone('6281234567890')).toBe('+6281234567890');
    expect(numberToPhone('+62 812-3456-7890')).toBe('+6281234567890');
    expect(numberToPhone('0812 3456 7890')).toBe('+6281234567890');
    expect(numberToPhone('')).toBeNull();
    expect(numberToPhone('abc')).toBeNull();
  });

  it('takes the WhatsApp id of a vCard TEL over its displayed text', () => {
    expect(
      phoneFromVCard('BEGIN:VCARD\nVERSION:3.0\nFN:A\nTEL;type=CELL;waid=6281234567890:+62 812-3456-7890\nEND:VCARD'),
    ).toBe('+6281234567890');
    expect(phoneFromVCard('BEGIN:VCARD\r\nitem1.TEL:0812 3456 7891\r\nEND:VCARD')).toBe('+6281234567891');
    expect(phoneFromVCard('BEGIN:VCARD\nFN:Tanpa nomor\nEND:VCARD')).toBeNull();
  });
});
