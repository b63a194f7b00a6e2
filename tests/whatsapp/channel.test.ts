import { describe, expect, it } from 'vitest';
import { channelPauseMs, isPermanentSendError, sendOutcomeUnknown } from '../../src/jobs/send-outcome.js';
import { ManualClock } from '../../src/shared/clock.js';
import {
  createMemoryLastSeen,
  createWhatsAppChannel,
  createWhatsAppPacer,
  ProactiveNotAllowedError,
  WhatsAppNotReadyError,
  WhatsAppSendError,
} from '../../bots/whatsapp/index.js';
import { FakeWhatsAppClient } from './fake-whatsapp-client.js';

const HOUR = 60 * 60 * 1000;
const SILENT = '6281111111111@c.us';
const RECENT = '6282222222222@c.us';

async function setup() {
  const client = new FakeWhatsAppClient();
  const clock = new ManualClock('2025-03-03T02:00:00Z');
  const lastSeen = createMemoryLastSeen();
  await lastSeen.touch(SILENT, new Date(clock.now().getTime() - 25 * HOUR));
  await lastSeen.touch(RECENT, new Date(clock.now().getTime() - 1 * HOUR));
  const pacer = createWhatsAppPacer({ intervalMs: 0, jitterMs: 0 });
  const channel = createWhatsAppChannel({ client, pacer, lastSeen, clock });
  return { client, channel, clock };
}

describe('WhatsApp channel', () => {
  it('refuses a broadcast to a chat silent for 25 hours, as a permanent error', async () => {
    const { client, channel } = await setup();
    const sent = channel.send(SILENT, { text: 'Promo pasar murah' }, { category: 'broadcast' });
    await expect(sent).rejects.toBeInstanceOf(ProactiveNotAllowedError);
    await expect(sent).rejects.toSatisfy(isPermanentSendError);
    await expect(channel.send(SILENT, { text: 'Pagi!' }, { category: 'prompt' })).rejects.toBeInstanceOf(
      ProactiveNotAllowedError,
    );
    expect(client.sends).toEqual([]);
  });

  it('still sends order updates and quota reminders to a silent chat', async () => {
    const { client, channel } = await setup();
    await channel.send(SILENT, { text: 'Pesanan diterima' }, { category: 'order_update' });
    await channel.send(SILENT, { text: 'Kuota bulan ini' }, { category: 'quota_reminder' });
    expect(client.sends.map((s) => [s.chatId, s.text])).toEqual([
      [SILENT, 'Pesanan diterima'],
      [SILENT, 'Kuota bulan ini'],
    ]);
  });

  it('sends a broadcast to a chat that wrote an hour ago', async () => {
    const { client, channel } = await setup();
    await channel.send(
      RECENT,
      { text: 'Promo', options: [{ label: 'Lihat', value: 'see' }] },
      { category: 'broadcast' },
    );
    expect(client.sends.map((s) => s.text)).toEqual(['Promo\n\n1. Lihat']);
  });

  it('refuses a broadcast to a chat that never wrote, and closes the window after 24 hours', async () => {
    const { channel, clock } = await setup();
    await expect(channel.send('6283333333333@c.us', { text: 'x' }, { category: 'broadcast' })).rejects.toBeInstanceOf(
      ProactiveNotAllowedError,
    );
    clock.advance(23 * HOUR + 1);
    await expect(channel.send(RECENT, { text: 'x' }, { category: 'broadcast' })).rejects.toBeInstanceOf(
      ProactiveNotAllowedError,
    );
  });

  it('addresses a phone as its @c.us chat and treats a send without meta as a reply', async () => {
    const { client, channel } = await setup();
    expect(channel.name).toBe('whatsapp');
    await channel.send('+6283333333333', { text: 'Halo' });
    expect(client.sends[0]?.chatId).toBe('6283333333333@c.us');
  });

  it('marks a send that failed inside whatsapp-web.js as possibly delivered, and one while disconnected as never sent', async () => {
    const { client, channel } = await setup();
    client.sendError = new Error('Evaluation failed: TypeError: Cannot read properties of undefined');
    const failed = channel.send(RECENT, { text: 'Pesanan baru' }, { category: 'order_update' });
    await expect(failed).rejects.toBeInstanceOf(WhatsAppSendError);
    await expect(failed).rejects.toSatisfy(sendOutcomeUnknown);
    await expect(failed).rejects.not.toSatisfy(isPermanentSendError);
    client.sendError = new WhatsAppNotReadyError('disconnected');
    const notReady = channel.send(RECENT, { text: 'Pesanan baru' }, { category: 'order_update' });
    await expect(notReady).rejects.toBeInstanceOf(WhatsAppNotReadyError);
    await expect(notReady).rejects.not.toSatisfy(sendOutcomeUnknown);
    await expect(notReady.catch((e: unknown) => channelPauseMs(e))).resolves.toBeGreaterThan(0);
  });
});

describe('WhatsApp images', () => {
  it('sends an image as a media message (MessageMedia) with the numbered text as caption', async () => {
    const { client, channel } = await setup();
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 8, 7]);
    await channel.send(
      RECENT,
      {
        text: 'QRIS TOKO\nBayar: Rp 10.000',
        image: { kind: 'png', bytes, name: 'qris-PK-TEST.png' },
        options: [{ label: 'Menu', value: 'home' }],
      },
      { category: 'order_update' },
    );
    expect(client.sends).toHaveLength(1);
    expect(client.sends[0]).toMatchObject({
      chatId: RECENT,
      text: 'QRIS TOKO\nBayar: Rp 10.000\n\n1. Menu',
      image: { mimetype: 'image/png', filename: 'qris-PK-TEST.png' },
    });
    expect([...client.sends[0]!.image!.bytes]).toEqual([...bytes]);
  });
});
