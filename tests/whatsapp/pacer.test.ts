import { describe, expect, it } from 'vitest';
import {
  createMemoryLastSeen,
  createWhatsAppChannel,
  createWhatsAppPacer,
  PacerStoppedError,
} from '../../bots/whatsapp/index.js';
import { systemClock } from '../../src/shared/clock.js';
import { FakeWhatsAppClient, type RecordedSend } from './fake-whatsapp-client.js';

const INTERVAL_MS = 5;

function expectSpaced(sends: readonly RecordedSend[]): void {
  const byStart = [...sends].sort((a, b) => a.startedAt - b.startedAt);
  for (let i = 1; i < byStart.length; i++) {
    const previous = byStart[i - 1]!;
    const current = byStart[i]!;
    expect(current.startedAt - previous.startedAt).toBeGreaterThanOrEqual(INTERVAL_MS);
    // One send at a time, and the quiet gap counts from the end of the previous one.
    expect(current.startedAt - previous.endedAt).toBeGreaterThanOrEqual(INTERVAL_MS);
  }
}

describe('WhatsApp pacer', () => {
  it('spaces a burst of 100 notifications to 10 chats, one in flight per chat, each chat in order', async () => {
    const client = new FakeWhatsAppClient();
    client.sendDelayMs = 2;
    // The same clock as the fake's timestamps, so the spacing is measured the way it is enforced.
    const pacer = createWhatsAppPacer({ intervalMs: INTERVAL_MS, jitterMs: 3, now: () => performance.now() });
    const channel = createWhatsAppChannel({ client, pacer, lastSeen: createMemoryLastSeen(), clock: systemClock });

    const chats = Array.from({ length: 10 }, (_, i) => `+62842000000${String(i).padStart(2, '0')}`);
    const sends: Promise<unknown>[] = [];
    for (let n = 0; n < 10; n++) {
      for (const phone of chats)
        sends.push(channel.send(phone, { text: `pesanan ${n}` }, { category: 'order_update' }));
    }
    await Promise.all(sends);

    expect(client.sends).toHaveLength(100);
    expectSpaced(client.sends);
    for (const phone of chats) {
      const chatId = `${phone.slice(1)}@c.us`;
      const forChat = client.sends.filter((s) => s.chatId === chatId);
      expect(forChat.map((s) => s.text)).toEqual(Array.from({ length: 10 }, (_, n) => `pesanan ${n}`));
      for (let i = 1; i < forChat.length; i++)
        expect(forChat[i]!.startedAt).toBeGreaterThanOrEqual(forChat[i - 1]!.endedAt);
    }
    expect(pacer.stats()).toMatchObject({ sent: 100, failed: 0, queued: 0, maxInFlightPerChat: 1, maxInFlight: 1 });
  });

  it('paces replies too: a burst to someone who just wrote never goes out unspaced', async () => {
    const client = new FakeWhatsAppClient();
    const pacer = createWhatsAppPacer({ intervalMs: INTERVAL_MS, jitterMs: 0, now: () => performance.now() });
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((t) =>
        pacer.enqueue('6281234567890@c.us', async () => void (await client.sendMessage('6281234567890@c.us', t)), {
          priority: 'reply',
        }),
      ),
    );
    expect(client.sends.map((s) => s.text)).toEqual(['a', 'b', 'c', 'd']);
    expectSpaced(client.sends);
  });

  it('lets a reply go ahead of a broadcast queued for other chats, and takes chats in turns', async () => {
    const order: string[] = [];
    const pacer = createWhatsAppPacer({ intervalMs: 1, jitterMs: 0 });
    const send = (label: string) => async () => void order.push(label);
    const all = [
      pacer.enqueue('a', send('a1')),
      pacer.enqueue('a', send('a2')),
      pacer.enqueue('a', send('a3')),
      pacer.enqueue('b', send('b1')),
      pacer.enqueue('c', send('c-reply'), { priority: 'reply' }),
    ];
    await Promise.all(all);
    // All five are queued before the first pick: the reply first, then a and b alternate.
    expect(order).toEqual(['c-reply', 'a1', 'b1', 'a2', 'a3']);
  });

  it('waits interval plus jitter using the injected clock, sleep and random', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const pacer = createWhatsAppPacer({
      intervalMs: 2000,
      jitterMs: 1000,
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      random: () => 0.5,
    });
    const at: number[] = [];
    await Promise.all([1, 2, 3].map(() => pacer.enqueue('x', async () => void at.push(now))));
    expect(at).toEqual([0, 2500, 5000]);
    expect(sleeps).toEqual([2500, 2500]);
  });

  it('rejects only the failed send and goes on with the rest', async () => {
    const pacer = createWhatsAppPacer({ intervalMs: 0, jitterMs: 0 });
    const failing = pacer.enqueue('x', async () => {
      throw new Error('send failed');
    });
    const ok = pacer.enqueue('x', async () => {});
    await expect(failing).rejects.toThrow('send failed');
    await expect(ok).resolves.toBeUndefined();
    expect(pacer.stats()).toMatchObject({ sent: 1, failed: 1 });
  });

  it('rejects what is still queued when stopped', async () => {
    const pacer = createWhatsAppPacer({ intervalMs: 50, jitterMs: 0 });
    const first = pacer.enqueue('x', async () => {});
    const second = pacer.enqueue('x', async () => {});
    await first;
    pacer.stop();
    await expect(second).rejects.toBeInstanceOf(PacerStoppedError);
    await expect(pacer.enqueue('x', async () => {})).rejects.toBeInstanceOf(PacerStoppedError);
    await pacer.idle();
  });
});
