import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createChat } from '../../src/app/chat.js';
import { createCore, type Core } from '../../src/app/core.js';
import { upsertChatLink } from '../../src/chat/chat-link.repository.js';
import type { ChannelName as ChatChannelName } from '../../src/chat/ports.js';
import { recordNotification } from '../../src/notify/notification.repository.js';
import { noticePriority, NOTICE_PRIORITY } from '../../src/jobs/notice-priority.js';
import { silentLogger } from '../../src/shared/logger.js';
import { recordingChannel } from '../support/flow-fixtures.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

/**
 * Issue 19: every channel's notices were paced at Telegram's notice share (5 a second), so a burst of web
 * notices took hours; and a new order waited behind every other notice. Each channel now has its own pace,
 * and order.new / order.reminder go first.
 */
let t: TestDb;
let core: Core;
beforeEach(async () => {
  t = await createTestDb();
  core = await createCore({
    database: t.location,
    redisUrl: inject('redisUrl'),
    queuePrefix: `t-pace-${process.pid}-${Date.now()}`,
    workerConcurrency: 2,
    workerLockMs: 5000,
    // Telegram's notice share of 10 a second is 2 a second (telegram-budget.ts).
    sweepIntervalMs: 60_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 10,
    logger: silentLogger(),
    workers: true,
  });
});
afterEach(async () => {
  for (const q of [core.queues.orders, core.queues.notify, ...core.notifyQueues.all()])
    await q.obliterate({ force: true }).catch(() => {});
  await core.close();
  await t.cleanup();
});

const AT = () => new Date().toISOString();

/** `n` people linked on `channel`, each with one notice of `template`, recorded in one transaction. */
async function notices(channel: ChatChannelName, n: number, template: string, from = 0): Promise<void> {
  await t.db.transaction().execute(async (trx) => {
    for (let i = from; i < from + n; i++) {
      const phone = `+6281${channel === 'web' ? '3' : '4'}${String(i).padStart(8, '0')}`;
      const chatId = channel === 'web' ? `tab-${i}` : String(500_000 + i);
      await upsertChatLink(trx, { channel, chatId, phone, role: 'shop', shopId: null, at: AT() });
      await recordNotification(
        trx,
        {
          dedupeKey: `${template}:${channel}:${i}`,
          recipientPhone: phone,
          template,
          params: { code: `PK-${String(i).padStart(6, 'A')}`, total: 1000 },
        },
        AT(),
      );
    }
  });
}

async function dispatched(): Promise<void> {
  await waitUntil(
    async () =>
      (await t.db.selectFrom('outbox').select('id').where('dispatched_at', 'is', null).execute()).length === 0,
    10_000,
    'the outbox dispatched',
  );
}

describe('notice pacing per channel', () => {
  it("drains web-chat notices at the web channel's pace while Telegram's stay at Telegram's notice limit", async () => {
    const web = recordingChannel('web');
    const telegram = recordingChannel('telegram');
    await notices('web', 300, 'order.completed');
    await notices('telegram', 40, 'order.completed');
    await dispatched();
    const chat = createChat(core, { web, telegram });
    const t0 = Date.now();
    core.startWorkers(chat.delivery, { channels: ['web', 'telegram'] });
    await waitUntil(async () => web.sent.length === 300, 20_000, 'the 300 web notices');
    const webSeconds = (Date.now() - t0) / 1000;
    const telegramMeanwhile = telegram.sent.length;
    await new Promise((r) => setTimeout(r, 2000));
    const telegramSeconds = (Date.now() - t0) / 1000;
    // At Telegram's 2 a second the 300 web notices would take 150 s.
    expect(300 / webSeconds).toBeGreaterThan(30);
    // Telegram: its limiter allows 2 per second (plus one window's worth at the start).
    expect(telegram.sent.length).toBeLessThanOrEqual(Math.ceil(telegramSeconds) * 2 + 2);
    expect(telegram.sent.length).toBeGreaterThanOrEqual(Math.floor(telegramSeconds) * 2 - 2);
    expect(telegramMeanwhile).toBeLessThan(300);
  });

  it('sends a new-order notice (and a reminder) before the notices queued ahead of it on the same channel', async () => {
    const telegram = recordingChannel('telegram');
    await notices('telegram', 30, 'order.completed');
    await notices('telegram', 2, 'order.new', 100);
    await notices('telegram', 1, 'order.reminder', 200);
    await dispatched();
    const chat = createChat(core, { telegram });
    core.startWorkers(chat.delivery, { channels: ['telegram'] });
    await waitUntil(async () => telegram.sent.length >= 5, 10_000, 'the first notices');
    const firstThree = telegram.sent
      .slice(0, 3)
      .map((s) => s.chatId)
      .sort();
    expect(firstThree).toEqual(['500100', '500101', '500200']);
  });

  it('gives every other template, also one added later, the normal priority, after new orders', () => {
    expect(noticePriority('order.new')).toBe(NOTICE_PRIORITY.urgent);
    expect(noticePriority('order.reminder')).toBe(NOTICE_PRIORITY.urgent);
    expect(noticePriority('order.accepted')).toBe(NOTICE_PRIORITY.normal);
    expect(noticePriority('payment.some_future_template')).toBe(NOTICE_PRIORITY.normal);
    expect(noticePriority('quota.reminder')).toBe(NOTICE_PRIORITY.bulk);
    expect(NOTICE_PRIORITY.urgent).toBeLessThan(NOTICE_PRIORITY.normal);
  });
});
