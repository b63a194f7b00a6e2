import type { BroadcastService } from '../broadcasts/broadcast.service.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { Clock } from '../shared/clock.js';
import { jakartaDate, jakartaMinuteOfDay, minuteOfDay } from '../shared/jakarta-time.js';
import { periodOf, periodStart } from '../shared/period.js';
import { SYSTEM_TEMPLATES } from '../broadcasts/system-templates.js';
import type { OpenOrdersReportService } from '../orders/open-orders.js';

export type ScheduledJobName = 'morning-prompt' | 'quota-reminder' | 'month-summary' | 'open-orders';
export const SCHEDULED_JOBS: readonly ScheduledJobName[] = [
  'morning-prompt',
  'quota-reminder',
  'month-summary',
  'open-orders',
];

/** Quota reminders go out at this time (WIB) on the days in the setting quota_reminder_days. */
export const QUOTA_REMINDER_TIME = '09:00';
/** The month-end summary goes out on the 1st at this time (WIB), when the month's figures are final. */
export const MONTH_SUMMARY_TIME = '07:00';
/** A prompt that fires this late (a worker was down at the time) is no longer a morning prompt. */
const MORNING_LATE_MIN = 120;

const cronAt = (hhmm: string, days: string): string => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return `${m} ${h} ${days} * *`;
};

/** The cron pattern (Asia/Jakarta) of each job from the current settings; null = not scheduled. */
export async function schedulePatterns(settings: SettingsService): Promise<Record<ScheduledJobName, string | null>> {
  const days = [...new Set(await settings.get('quota_reminder_days'))].sort((a, b) => a - b);
  return {
    'morning-prompt': cronAt(await settings.get('morning_prompt_time'), '*'),
    'quota-reminder': days.length ? cronAt(QUOTA_REMINDER_TIME, days.join(',')) : null,
    'month-summary': cronAt(MONTH_SUMMARY_TIME, '1'),
    'open-orders': cronAt(MONTH_SUMMARY_TIME, '1'),
  };
}

export interface ScheduledJobDeps {
  broadcasts: BroadcastService;
  settings: SettingsService;
  clock: Clock;
  /** Issue 14: last month's still-open orders for admins (src/orders/open-orders.ts). */
  openOrders?: Pick<OpenOrdersReportService, 'snapshot'>;
}

/**
 * What a scheduled job does when it fires: a system broadcast through the same machinery as an admin's,
 * one per day (dedupe key), so a scheduler that fires twice sends once. The clock decides, not the cron:
 * a job that fires on the wrong day or far too late (a worker was down) sends nothing. Returns the new
 * broadcast's id, or null when there was nothing to send.
 */
export async function runScheduledJob(name: ScheduledJobName, deps: ScheduledJobDeps): Promise<number | null> {
  const now = deps.clock.now();
  const { date, day } = jakartaDate(now);
  const period = periodOf(now);
  switch (name) {
    case 'morning-prompt': {
      const late = jakartaMinuteOfDay(now) - minuteOfDay(await deps.settings.get('morning_prompt_time'));
      if (late < -5 || late > MORNING_LATE_MIN) return null;
      const t = SYSTEM_TEMPLATES.morning_prompt;
      return deps.broadcasts.createSystem({
        kind: 'morning_prompt',
        dedupeKey: `morning_prompt-${date}`,
        segment: { kind: 'shops_all' },
        templateId: t.id,
        templateEn: t.en,
        period,
      });
    }
    case 'quota-reminder': {
      if (!(await deps.settings.get('quota_reminder_days')).includes(day)) return null;
      const t = SYSTEM_TEMPLATES.quota_reminder;
      return deps.broadcasts.createSystem({
        kind: 'quota_reminder',
        dedupeKey: `quota_reminder-${date}`,
        segment: { kind: 'asn_below_quota' },
        templateId: t.id,
        templateEn: t.en,
        period,
      });
    }
    case 'month-summary': {
      if (day !== 1) return null;
      // The month that just ended: an instant one hour before this month began.
      const previous = periodOf(new Date(periodStart(period).getTime() - 3_600_000));
      const t = SYSTEM_TEMPLATES.month_summary;
      return deps.broadcasts.createSystem({
        kind: 'month_summary',
        dedupeKey: `month_summary-${previous}`,
        segment: { kind: 'shops_all' },
        templateId: t.id,
        templateEn: t.en,
        period: previous,
      });
    }
    case 'open-orders': {
      // Not a broadcast: admins have no chat. The snapshot goes on record (audit log); the list is live
      // on the dashboard and the API. Returns how many orders were still open.
      if (day !== 1 || !deps.openOrders) return null;
      return (await deps.openOrders.snapshot())?.count ?? null;
    }
  }
}
