import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/shared/clock.js';
import {
  APOLOGY_TEXT,
  createMemoryLastSeen,
  createWhatsAppAdapter,
  createWhatsAppPacer,
  type WhatsAppMessagePort,
} from '../../bots/whatsapp/index.js';
import { FakeWhatsAppClient, fakeMessage } from './fake-whatsapp-client.js';
import { echoHandler, recordingLogger } from './support.js';

let mediaDir: string;
beforeAll(async () => {
  mediaDir = await mkdtemp(join(tmpdir(), 'peken-wa-media-'));
});
afterAll(async () => {
  await rm(mediaDir, { recursive: true, force: true });
});

function setup() {
  const client = new FakeWhatsAppClient();
  const handler = echoHandler();
  const logger = recordingLogger();
  const pacer = createWhatsAppPacer({ intervalMs: 0, jitterMs: 0 });
  const lastSeen = createMemoryLastSeen();
  const clock = new ManualClock('2025-03-03T02:00:00Z');
  const adapter = createWhatsAppAdapter({ client, handler, mediaDir, logger, pacer, lastSeen, clock });
  const deliver = async (message: WhatsAppMessagePort) => {
    await adapter.handleMessage(message);
    await pacer.idle();
  };
  return { client, handler, logger, pacer, lastSeen, clock, adapter, deliver };
}

describe('WhatsApp adapter', () => {
  it('passes a text from a @c.us chat with the sender phone and sends the reply as numbered text', async () => {
    const { client, handler, pacer } = setup();
    const message = fakeMessage({ from: '6281234567890@c.us', body: 'beras 5kg' });
    client.emit('message', message);
    await vi.waitFor(() => expect(client.sends).toHaveLength(1));
    await pacer.idle();

    expect(handler.seen).toEqual([
      {
        channel: 'whatsapp',
        chatId: '6281234567890@c.us',
        messageId: message.id._serialized,
        senderPhone: '+6281234567890',
        content: { kind: 'text', text: 'beras 5kg' },
      },
    ]);
    expect(client.sends[0]).toMatchObject({
      chatId: '6281234567890@c.us',
      text: 'Anda menulis: beras 5kg\n\n1. Pesan barang\n2. Bantuan',
    });
  });

  it('records when the chat last wrote', async () => {
    const { lastSeen, clock, deliver } = setup();
    await deliver(fakeMessage({ from: '6281111111111@c.us', body: 'halo' }));
    expect(await lastSeen.get('6281111111111@c.us')).toEqual(clock.now());
  });

  it('resolves an @lid sender through its contact, and records both chat ids as seen', async () => {
    const { handler, client, lastSeen, deliver } = setup();
    await deliver(fakeMessage({ from: '123456789012345@lid', body: 'nggih', contactNumber: '6289876543210' }));
    expect(handler.seen[0]).toMatchObject({ chatId: '123456789012345@lid', senderPhone: '+6289876543210' });
    expect(client.sends[0]?.chatId).toBe('123456789012345@lid');
    expect(await lastSeen.get('6289876543210@c.us')).not.toBeNull();
  });

  it('hands an @lid message without a known number to the engine without senderPhone', async () => {
    const { handler, deliver } = setup();
    await deliver(fakeMessage({ from: '123456789012345@lid', body: 'halo', contactNumber: null }));
    // The contact may echo the privacy id itself as its "number": that is no phone either.
    await deliver(fakeMessage({ from: '123456789012345@lid', body: 'halo lagi', contactNumber: '123456789012345' }));
    expect(handler.seen).toHaveLength(2);
    for (const seen of handler.seen) expect(seen).not.toHaveProperty('senderPhone');
  });

  it('saves a photo with its caption under the media folder', async () => {
    const { handler, deliver } = setup();
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const message = fakeMessage({
      type: 'image',
      body: 'minyak 2L 38rb',
      media: { mimetype: 'image/jpeg', data: bytes.toString('base64') },
    });
    await deliver(message);
    const content = handler.seen[0]?.content;
    expect(content).toMatchObject({ kind: 'photo', caption: 'minyak 2L 38rb' });
    if (content?.kind !== 'photo') throw new Error('expected a photo');
    expect(content.path.startsWith(mediaDir)).toBe(true);
    expect(content.path).toMatch(/\.jpg$/);
    expect(content.path.slice(mediaDir.length + 1)).not.toMatch(/[@/]/);
    expect(await readFile(content.path)).toEqual(bytes);
  });

  it('passes a shared contact with its phone, and whether it is the sender’s own', async () => {
    const { handler, deliver } = setup();
    const card = (tel: string) =>
      `BEGIN:VCARD\nVERSION:3.0\nN:;Bu Nyomi;;;\nFN:Bu Nyomi\nTEL;type=CELL;type=VOICE;waid=${tel}:+${tel}\nEND:VCARD`;
    await deliver(fakeMessage({ from: '6281234567890@c.us', type: 'vcard', body: card('6281234567890') }));
    await deliver(fakeMessage({ from: '6281234567890@c.us', type: 'vcard', body: card('6285550001111') }));
    expect(handler.seen.map((m) => m.content)).toEqual([
      { kind: 'contact', phone: '+6281234567890', isOwn: true },
      { kind: 'contact', phone: '+6285550001111', isOwn: false },
    ]);
  });

  it('marks stickers, voice notes, locations and other media as unsupported', async () => {
    const { handler, client, deliver } = setup();
    for (const type of ['sticker', 'ptt', 'location', 'video', 'document', 'audio']) {
      await deliver(fakeMessage({ type, hasMedia: type !== 'location' }));
    }
    expect(handler.seen.map((m) => m.content)).toEqual(
      ['sticker', 'ptt', 'location', 'video', 'document', 'audio'].map((what) => ({ kind: 'unsupported', what })),
    );
    expect(client.sends).toHaveLength(6);
  });

  it('ignores group messages, status updates and its own messages', async () => {
    const { handler, client, deliver } = setup();
    await deliver(fakeMessage({ from: '120363012345678901@g.us', body: 'halo grup' }));
    await deliver(fakeMessage({ from: 'status@broadcast', body: 'status', isStatus: true }));
    await deliver(fakeMessage({ from: '6281234567890@c.us', body: 'saya sendiri', fromMe: true }));
    expect(handler.seen).toEqual([]);
    expect(client.sends).toEqual([]);
  });

  it('apologises when the engine fails, and keeps working', async () => {
    const { handler, client, logger, deliver } = setup();
    handler.failNext = 1;
    await deliver(fakeMessage({ body: 'pesan' }));
    await deliver(fakeMessage({ body: 'pesan lagi' }));
    expect(client.sends.map((s) => s.text)).toEqual([
      APOLOGY_TEXT,
      expect.stringContaining('Anda menulis: pesan lagi'),
    ]);
    expect(logger.lines.filter((l) => l.level === 'error')).toHaveLength(1);
  });

  it('logs a failed send and keeps handling messages', async () => {
    const { client, logger, deliver } = setup();
    client.sendError = new Error('Evaluation failed');
    await deliver(fakeMessage({ body: 'satu' }));
    client.sendError = null;
    await deliver(fakeMessage({ body: 'dua' }));
    expect(logger.lines.some((l) => l.level === 'error' && l.message.includes('reply could not be sent'))).toBe(true);
    expect(client.sends.map((s) => s.text)).toEqual([expect.stringContaining('dua')]);
  });

  it('sends several replies in the order the engine gave them', async () => {
    const { client, pacer, logger } = setup();
    const handler = { handle: async () => [{ text: 'satu' }, { text: 'dua' }, { text: 'tiga' }] };
    const adapter = createWhatsAppAdapter({
      client,
      handler,
      mediaDir,
      logger,
      pacer,
      lastSeen: createMemoryLastSeen(),
    });
    await adapter.handleMessage(fakeMessage({ body: 'halo' }));
    expect(client.sends.map((s) => s.text)).toEqual(['satu', 'dua', 'tiga']);
  });

  it('never leaks the message body or phone into logs', async () => {
    const { handler, logger, deliver } = setup();
    handler.failNext = 1;
    await deliver(fakeMessage({ from: '6281234567890@c.us', body: 'NIK 3578011234567890' }));
    const logged = JSON.stringify(logger.lines, (_k, v: unknown) => (v instanceof Error ? v.message : v));
    expect(logged).not.toContain('3578011234567890');
    expect(logged).not.toContain('81234567890');
  });
});
