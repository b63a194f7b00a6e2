import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../bots/telegram/index.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../support/fake-telegram-api.js';

let api: FakeTelegramApi;
beforeEach(async () => {
  api = await startFakeTelegramApi();
});
afterEach(async () => {
  await api.close();
});

const png = {
  kind: 'png',
  bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
  name: 'qris-PK-TEST.png',
} as const;

describe('Telegram images', () => {
  it('sends an image as a multipart sendPhoto with the text as caption and the buttons under it', async () => {
    const channel = createTelegramChannel({ token: api.token, apiRoot: api.url });
    const sent = await channel.send('42', {
      text: 'QRIS TOKO\nBayar: Rp 10.000',
      image: png,
      options: [{ label: 'Menu', value: 'home' }],
    });
    expect(api.photos()).toHaveLength(1);
    const [photo] = api.photos();
    expect(photo!.caption).toBe('QRIS TOKO\nBayar: Rp 10.000\n\n1. Menu');
    expect([...photo!.bytes!]).toEqual([...png.bytes]);
    expect(photo!.params.reply_markup).toEqual({ inline_keyboard: [[{ text: '1. Menu', callback_data: 'home' }]] });
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
    expect(sent).toMatchObject({ messageId: expect.any(String) });
  });

  it('sends a text too long for a caption (over 1024 characters) as the photo, then the text', async () => {
    const channel = createTelegramChannel({ token: api.token, apiRoot: api.url });
    const long = `Cara bayar: ${'transfer ke rekening toko. '.repeat(50)}`;
    expect(long.length).toBeGreaterThan(1024);
    await channel.send('42', { text: long, image: png, options: [{ label: 'Menu', value: 'home' }] });
    const methods = api.calls.map((c) => c.method);
    expect(methods).toEqual(['sendPhoto', 'sendMessage']);
    expect(api.photos()[0]!.caption).toBe('');
    const text = api.sent().at(-1)!;
    expect(text.text).toContain(long.trim());
    expect(text.params.reply_markup).toEqual({ inline_keyboard: [[{ text: '1. Menu', callback_data: 'home' }]] });
  });
});
