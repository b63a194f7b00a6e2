import type { Generated } from 'kysely';

export type NotificationStatus = 'queued' | 'sent' | 'failed' | 'unreachable';

export interface NotificationTable {
  id: Generated<number>;
  /** One notification per event and recipient, however often the event is processed. */
  dedupe_key: string;
  recipient_phone: string;
  template: string;
  params: string;
  order_id: string | null;
  status: Generated<NotificationStatus>;
  channel: string | null;
  error: string | null;
  created_at: string;
  sent_at: string | null;
  /** Held by the job sending it until this time (see migration 0008); null when nobody is sending. */
  claimed_until: string | null;
}
