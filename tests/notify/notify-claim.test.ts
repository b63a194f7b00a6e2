import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { ChatChannel, OutboundMessage } from '../../src/chat/ports.js';
import { createChat } from '../../src/app/chat.js';
import { createCore, type Core } from '../../src/app/core.js';
import { upsertChatLink } from '../../src/chat/chat-link.repository.js';
import { recordNotification } from '../../src/notify/notification.repository.js';
import { silentLogger } from '../../src/shared/logger.js';
import { waitUntil } from '../support/processes.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
let core: Core;
beforeEach(async () => {
  t = await createTestDb();
  core = await createCore({
    database: t.location,
    redisUrl: inject('redisUrl'),
    queuePrefix: `t-claim-${process.pid}-${Date.now()}`,
    workerConcurrency: 2,
    workerLockMs: 5000,
    sweepIntervalMs: 60_000,
    outboxIntervalMs: 50,
    telegramRatePerSecond: 50,
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

const PHONE = '+6281234598001';

describe('a notice claimed by the job sending it', () => {
  it('is sent once when two jobs for it run at the same time (one forwarded while the other waited)', async () => {
    // A slow platform: the second job starts while the first is still sending.
    const sent: { chatId: string; message: OutboundMessage }[] = [];
    const slow: ChatChannel = {
      name: 'web',
      async send(chatId, message) {
        await new Promise((r) => setTimeout(r, 400));
        sent.push({ chatId, message });
      },
    };
    await upsertChatLink(t.db, {
      channel: 'web',
      chatId: 'w1',
      phone: PHONE,
      role: 'buyer',
      shopId: null,
      at: new Date().toISOString(),
    });
    const chat = createChat(core, { web: slow });
    const id = await core.db.transaction().execute(async (trx) => {
      await recordNotification(
        trx,
        {
          dedupeKey: 'claim-1',
          recipientPhone: PHONE,
          template: 'order.completed',
          params: { code: 'PK-ABCDEF', total: 1000 },
        },
        new Date().toISOString(),
      );
      return (
        await trx.selectFrom('notifications').select('id').where('dedupe_key', '=', 'claim-1').executeTakeFirstOrThrow()
      ).id;
    });
    // A second live job for the same notice, as a forward from another queue would leave.
    await core.notifyQueues.forChannel('web').add('send', { notificationId: id }, { jobId: `extra-${id}` });
    core.startWorkers(chat.delivery, { channels: ['web'], orders: false });
    await waitUntil(
      async () =>
        (await t.db.selectFrom('notifications').select('status').where('id', '=', id).executeTakeFirstOrThrow())
          .status === 'sent',
      15_000,
      'notice sent',
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(sent).toHaveLength(1);
  });
});
