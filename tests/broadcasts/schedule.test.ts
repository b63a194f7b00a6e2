import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createBroadcastService, type BroadcastService } from '../../src/broadcasts/broadcast.service.js';
import { isQuiet, quietEndsAt } from '../../src/broadcasts/quiet-hours.js';
import { createRedis } from '../../src/jobs/connection.js';
import { runScheduledJob, schedulePatterns } from '../../src/jobs/scheduled-jobs.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { createSettingsService, type SettingsService } from '../../src/settings/settings.service.js';
import { ManualClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
let clock: ManualClock;
let settings: SettingsService;
let svc: BroadcastService;
beforeEach(async () => {
  t = await createTestDb();
  clock = new ManualClock('2026-11-20T02:00:00.000Z');
  settings = createSettingsService({ db: t.db, clock });
  svc = createBroadcastService({ db: t.db, clock, settings });
});
afterEach(async () => {
  await t.cleanup();
});

const run = (name: Parameters<typeof runScheduledJob>[0]) =>
  runScheduledJob(name, { broadcasts: svc, settings, clock });
const wib = (local: string) => new Date(`${local}+07:00`);
const broadcasts = () =>
  t.db
    .selectFrom('broadcasts')
    .select(['kind', 'segment', 'period', 'status', 'dedupe_key', 'created_by'])
    .orderBy('id')
    .execute();

describe('quiet hours (WIB)', () => {
  it('holds from 21:00 to 06:00 Jakarta time and ends at 06:00', () => {
    const q = { start: '21:00', end: '06:00' };
    expect(isQuiet(wib('2026-11-20T20:59:59'), q)).toBe(false);
    expect(isQuiet(wib('2026-11-20T21:00:00'), q)).toBe(true);
    expect(isQuiet(wib('2026-11-21T03:00:00'), q)).toBe(true);
    expect(isQuiet(wib('2026-11-21T06:00:00'), q)).toBe(false);
    expect(quietEndsAt(wib('2026-11-20T22:15:30'), q)).toEqual(wib('2026-11-21T06:00:00'));
    expect(quietEndsAt(wib('2026-11-21T05:59:00'), q)).toEqual(wib('2026-11-21T06:00:00'));
    // A window within one day, and an empty one.
    expect(isQuiet(wib('2026-11-20T13:00:00'), { start: '12:00', end: '13:30' })).toBe(true);
    expect(isQuiet(wib('2026-11-20T13:30:00'), { start: '12:00', end: '13:30' })).toBe(false);
    expect(isQuiet(wib('2026-11-20T23:00:00'), { start: '00:00', end: '00:00' })).toBe(false);
  });
});

describe('scheduled jobs with an injected clock', () => {
  it('quota reminders go to ASN below their minimum only on the days in the setting, once a day', async () => {
    await settings.set('quota_reminder_days', '[20, 27]', 'test');
    clock.set(wib('2026-11-19T09:00:00'));
    expect(await run('quota-reminder')).toBeNull();
    clock.set(wib('2026-11-20T09:00:00'));
    const id = await run('quota-reminder');
    expect(id).toEqual(expect.any(Number));
    // The scheduler firing twice (two processes, a retry) makes no second broadcast.
    expect(await run('quota-reminder')).toBeNull();
    clock.set(wib('2026-11-27T09:00:00'));
    expect(await run('quota-reminder')).toEqual(expect.any(Number));
    expect(await broadcasts()).toEqual([
      {
        kind: 'quota_reminder',
        segment: '{"kind":"asn_below_quota"}',
        period: '2026-11',
        status: 'scheduled',
        dedupe_key: 'quota_reminder-2026-11-20',
        created_by: 'system',
      },
      {
        kind: 'quota_reminder',
        segment: '{"kind":"asn_below_quota"}',
        period: '2026-11',
        status: 'scheduled',
        dedupe_key: 'quota_reminder-2026-11-27',
        created_by: 'system',
      },
    ]);
  });

  it('the morning prompt goes to every active shop at the set time, and not when it fires hours late', async () => {
    await settings.set('morning_prompt_time', '06:30', 'test');
    clock.set(wib('2026-11-20T06:30:00'));
    expect(await run('morning-prompt')).toEqual(expect.any(Number));
    clock.set(wib('2026-11-21T10:00:00'));
    expect(await run('morning-prompt')).toBeNull();
    expect((await broadcasts()).map((b) => [b.kind, b.segment, b.dedupe_key])).toEqual([
      ['morning_prompt', '{"kind":"shops_all"}', 'morning_prompt-2026-11-20'],
    ]);
  });

  it('the month-end summary goes to every shop on the 1st, about the month that ended', async () => {
    clock.set(wib('2026-11-30T07:00:00'));
    expect(await run('month-summary')).toBeNull();
    clock.set(wib('2026-12-01T07:00:00'));
    expect(await run('month-summary')).toEqual(expect.any(Number));
    expect((await broadcasts()).map((b) => [b.kind, b.segment, b.period])).toEqual([
      ['month_summary', '{"kind":"shops_all"}', '2026-11'],
    ]);
  });

  it('registers BullMQ job schedulers in Asia/Jakarta from the settings, and follows a change', async () => {
    const producer = createRedis(inject('redisUrl'), 'producer');
    const connection = createRedis(inject('redisUrl'), 'worker');
    const scheduler = createScheduler({
      broadcasts: svc,
      settings,
      clock,
      connection,
      producer,
      prefix: `t-sched-${process.pid}-${Date.now()}`,
      logger: silentLogger(),
    });
    try {
      await scheduler.sync();
      const byName = async () =>
        Object.fromEntries(
          (await scheduler.queue.getJobSchedulers()).map((s) => [
            s.key,
            { pattern: s.pattern, tz: s.tz, next: s.next },
          ]),
        );
      let s = await byName();
      expect(s).toMatchObject({
        'morning-prompt': { pattern: '30 6 * * *', tz: 'Asia/Jakarta' },
        'quota-reminder': { pattern: '0 9 20,27 * *', tz: 'Asia/Jakarta' },
        'month-summary': { pattern: '0 7 1 * *', tz: 'Asia/Jakarta' },
      });
      // The next morning prompt is at 06:30 WIB = 23:30 UTC.
      expect(new Date(s['morning-prompt']!.next!).toISOString()).toMatch(/T23:30:00\.000Z$/);
      await settings.set('morning_prompt_time', '07:15', 'test');
      await settings.set('quota_reminder_days', '[]', 'test');
      expect(await schedulePatterns(settings)).toMatchObject({
        'morning-prompt': '15 7 * * *',
        'quota-reminder': null,
      });
      await scheduler.sync();
      s = await byName();
      expect(s['morning-prompt']!.pattern).toBe('15 7 * * *');
      expect(s['quota-reminder']).toBeUndefined();
      expect(new Date(s['morning-prompt']!.next!).toISOString()).toMatch(/T00:15:00\.000Z$/);
    } finally {
      await scheduler.queue.obliterate({ force: true }).catch(() => {});
      await scheduler.stop();
      producer.disconnect();
      connection.disconnect();
    }
  });
});
