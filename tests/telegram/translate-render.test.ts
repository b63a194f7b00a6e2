import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { MAX_CALLBACK_BYTES, renderOutbound, splitText, translateUpdate } from '../../bots/telegram/index.js';

const bot = { username: 'peken_test_bot' };
const from = { id: 11, is_bot: false, first_name: 'A' };
const chat = { id: 11, type: 'private' as const, first_name: 'A' };
const msg = (update_id: number, fields: Record<string, unknown>) =>
  ({ update_id, message: { message_id: 1, date: 0, chat, from, ...fields } }) as unknown as Update;

describe('translateUpdate', () => {
  it('uses the update_id as message id and the private chat id as chat id', () => {
    expect(translateUpdate(msg(99, { text: 'beras 5kg 65rb' }), bot)).toEqual({
      kind: 'engine',
      chatId: '11',
      messageId: '99',
      content: { kind: 'text', text: 'beras 5kg 65rb' },
    });
  });

  it('reads commands as the words the engine knows', () => {
    const text = (t: string) =>
      (translateUpdate(msg(1, { text: t }), bot) as { content: { text: string } }).content.text;
    expect(text('/start')).toBe('/start');
    expect(text('/start ref-abc')).toBe('/start');
    expect(text('/START@peken_test_bot')).toBe('/start');
    expect(text('/batal')).toBe('batal');
    expect(text('/start@other_bot')).toBe('/start@other_bot');
    expect(text('1/2 kg gula')).toBe('1/2 kg gula');
  });

  it("marks a contact card as own only when it carries the sender's own user id", () => {
    const contact = (user_id?: number) =>
      translateUpdate(
        msg(1, { contact: { phone_number: '6281234', first_name: 'A', ...(user_id ? { user_id } : {}) } }),
        bot,
      );
    expect(contact(11)).toMatchObject({ content: { kind: 'contact', phone: '6281234', isOwn: true } });
    expect(contact(12)).toMatchObject({ content: { kind: 'contact', isOwn: false } });
    expect(contact()).toMatchObject({ content: { kind: 'contact', isOwn: false } });
  });

  it('takes the largest photo size with its caption', () => {
    const t = translateUpdate(
      msg(1, {
        photo: [
          { file_id: 'a', width: 1 },
          { file_id: 'b', width: 9 },
        ],
        caption: 'telur 28rb',
      }),
      bot,
    );
    expect(t).toMatchObject({ content: { kind: 'photo_file', fileId: 'b', caption: 'telur 28rb' } });
  });

  it('turns a button press into an option, to be answered, and its value untouched', () => {
    const u = {
      update_id: 5,
      callback_query: {
        id: 'q1',
        from,
        chat_instance: 'c',
        data: 'acc:x1y2z3a4b5',
        message: { message_id: 3, date: 0, chat },
      },
    } as unknown as Update;
    expect(translateUpdate(u, bot)).toEqual({
      kind: 'engine',
      chatId: '11',
      messageId: '5',
      content: { kind: 'option', value: 'acc:x1y2z3a4b5' },
      callbackQueryId: 'q1',
    });
  });

  it('ignores bots, groups that do not address us, channel posts and unknown update kinds', () => {
    expect(
      translateUpdate(
        {
          update_id: 1,
          message: { message_id: 1, date: 0, chat, from: { ...from, is_bot: true }, text: 'x' },
        } as unknown as Update,
        bot,
      ),
    ).toMatchObject({ kind: 'ignore' });
    expect(
      translateUpdate(
        {
          update_id: 1,
          message: { message_id: 1, date: 0, chat: { id: -5, type: 'group', title: 'g' }, from, text: 'halo semua' },
        } as unknown as Update,
        bot,
      ),
    ).toMatchObject({ kind: 'ignore' });
    expect(
      translateUpdate(
        {
          update_id: 1,
          message: {
            message_id: 1,
            date: 0,
            chat: { id: -5, type: 'group', title: 'g' },
            from,
            text: 'hai @Peken_Test_Bot',
          },
        } as unknown as Update,
        bot,
      ),
    ).toMatchObject({ kind: 'notice', notice: 'privateChatOnly', chatId: '-5' });
    const inGroup = (text: string) =>
      translateUpdate(
        {
          update_id: 1,
          message: { message_id: 1, date: 0, chat: { id: -5, type: 'supergroup', title: 'g' }, from, text },
        } as unknown as Update,
        bot,
      ).kind;
    expect(inGroup('/start')).toBe('notice');
    expect(inGroup('/start@peken_test_bot')).toBe('notice');
    expect(inGroup('/start@other_bot')).toBe('ignore');
    expect(inGroup('1/2 kg')).toBe('ignore');
    expect(
      translateUpdate(
        {
          update_id: 1,
          channel_post: { message_id: 1, date: 0, chat: { id: -7, type: 'channel', title: 'c' }, text: 'x' },
        } as unknown as Update,
        bot,
      ),
    ).toMatchObject({ kind: 'ignore' });
    expect(translateUpdate({ update_id: 1, my_chat_member: {} } as unknown as Update, bot)).toMatchObject({
      kind: 'ignore',
    });
  });
});

describe('renderOutbound', () => {
  it('numbers options in the text and offers them as buttons carrying their values', () => {
    const [s] = renderOutbound({
      text: 'Pilih toko:',
      options: [
        { label: 'Toko Bu Nyomi', value: 'shop:12' },
        { label: 'Menu utama', value: 'home' },
      ],
    });
    expect(s).toEqual({
      text: 'Pilih toko:\n\n1. Toko Bu Nyomi\n2. Menu utama',
      replyMarkup: {
        inline_keyboard: [
          [{ text: '1. Toko Bu Nyomi', callback_data: 'shop:12' }],
          [{ text: '2. Menu utama', callback_data: 'home' }],
        ],
      },
    });
  });

  it('shows only numbered text when any value is too long for callback data', () => {
    const long = `x:${'é'.repeat(MAX_CALLBACK_BYTES / 2)}`; // under 64 characters, over 64 bytes
    expect(long.length).toBeLessThan(MAX_CALLBACK_BYTES);
    const [s] = renderOutbound({
      text: 'Pilih',
      options: [
        { label: 'A', value: 'a' },
        { label: 'B', value: long },
      ],
    });
    expect(s).toEqual({ text: 'Pilih\n\n1. A\n2. B' });
    const [exact] = renderOutbound({ text: 'Pilih', options: [{ label: 'A', value: 'a'.repeat(MAX_CALLBACK_BYTES) }] });
    expect(exact!.replyMarkup).toBeDefined();
  });

  it('asks for the contact with a one-time share-contact keyboard, labelled as the engine says', () => {
    const [id] = renderOutbound({ text: 'Selamat datang', requestContact: { label: '📱 Bagikan nomor' } });
    expect(id!.replyMarkup).toEqual({
      keyboard: [[{ text: '📱 Bagikan nomor', request_contact: true }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
    const [en] = renderOutbound({ text: 'Welcome', requestContact: { label: '📱 Share number' } });
    expect(en!.replyMarkup).toMatchObject({ keyboard: [[{ text: '📱 Share number', request_contact: true }]] });
  });

  it("splits a text over Telegram's limit at line ends, with the keyboard on the last part", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${i + 1}. produk nomor ${i + 1} harga Rp 10.000`);
    const parts = renderOutbound({ text: lines.join('\n'), options: [{ label: 'Menu', value: 'home' }] });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(4096);
    expect(parts.slice(0, -1).every((p) => p.replyMarkup === undefined)).toBe(true);
    expect(parts.at(-1)!.replyMarkup).toBeDefined();
    expect(parts.map((p) => p.text).join('\n')).toBe(`${lines.join('\n')}\n\n1. Menu`);
  });

  it('never cuts an emoji in half or sends an empty text', () => {
    const parts = splitText('😀'.repeat(3000));
    expect(parts.join('')).toBe('😀'.repeat(3000));
    for (const p of parts) expect(p).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    expect(splitText('  ')).toEqual(['…']);
  });
});
