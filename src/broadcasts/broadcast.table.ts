import type { Generated } from 'kysely';
import type { ChannelName } from '../chat/ports.js';

export type BroadcastKind = 'admin' | 'morning_prompt' | 'quota_reminder' | 'month_summary';
export type BroadcastStatus = 'draft' | 'scheduled' | 'sending' | 'done' | 'cancelled';
/**
 * `sending` is written (and committed) before the message leaves, `sent` after. A recipient found in
 * `sending` by a later attempt was in flight when a process died: it becomes `unknown`.
 */
export type RecipientStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'blocked' | 'unknown' | 'cancelled';
export const RECIPIENT_STATUSES: readonly RecipientStatus[] = [
  'queued',
  'sending',
  'sent',
  'failed',
  'blocked',
  'unknown',
  'cancelled',
];

export interface BroadcastTable {
  id: Generated<number>;
  kind: BroadcastKind;
  dedupe_key: string | null;
  /** JSON of a Segment (segments.ts). */
  segment: string;
  template_id: string;
  template_en: string | null;
  period: string | null;
  status: Generated<BroadcastStatus>;
  send_at: string | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  enqueued_at: string | null;
  finished_at: string | null;
  cancelled_at: string | null;
  purged_at: string | null;
  total: number | null;
}

export interface BroadcastRecipientTable {
  id: Generated<number>;
  broadcast_id: number;
  phone: string;
  name: string;
  /** The chat picked when the broadcast started; null when the person has no chat we can reach. */
  channel: ChannelName | null;
  chat_id: string | null;
  language: Generated<'id' | 'en'>;
  /** JSON of the template variables' values (template.ts). */
  params: string;
  status: Generated<RecipientStatus>;
  reason: string | null;
  updated_at: string;
  sent_at: string | null;
}

export interface BroadcastTables {
  broadcasts: BroadcastTable;
  broadcast_recipients: BroadcastRecipientTable;
}
