import type { Selectable } from 'kysely';
import { OFFLINE_GRACE_MS } from './broadcast.jobs.js';
import type { ChannelName, RecipientCounts } from './broadcast.repository.js';
import type { BroadcastKind, BroadcastTable } from './broadcast.table.js';
import { describeSegment, type Segment } from './segment.js';

/** What the admin app shows of broadcasts: views built from the rows, never the rows themselves. */
/** How a channel is named to admins (dashboard and CLI). */
export const CHANNEL_LABEL: Readonly<Record<ChannelName, string>> = {
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  web: 'web chat',
};

/**
 * What follows the number of previewed people on dead channels, the same words in the dashboard and the
 * CLI: where they are, and what happens to them if the channel stays dead.
 */
export function offlineNote(channels: readonly ChannelName[]): string {
  return `di antaranya lewat ${channels.map((c) => CHANNEL_LABEL[c]).join(', ')}, yang saat ini tidak dijalankan proses mana pun: mereka akan gagal (channel_offline) bila kanal itu tetap mati ${OFFLINE_GRACE_MS / 60_000} menit setelah pengiriman dimulai`;
}

export interface BroadcastView {
  id: number;
  kind: BroadcastKind;
  segment: Segment;
  segmentLabel: string;
  templateId: string;
  templateEn: string | null;
  status: Selectable<BroadcastTable>['status'];
  sendAt: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  cancelledAt: string | null;
}

export interface Preview {
  /** Everyone the segment selects now. */
  count: number;
  /** Those with a chat on an enabled channel; the rest will be `failed` with reason `unreachable`. */
  reachable: number;
  unreachable: number;
  /**
   * Of the reachable, those with no chat on a channel that a process serves right now (no heartbeat,
   * channel-heartbeat.ts; a person with a live chat is sent there): unless one starts, they end `failed`
   * with reason `channel_offline`. Null when the heartbeat could not be read (Redis down).
   */
  offline: number | null;
  /** The channels those are on. */
  offlineChannels: ChannelName[];
  /** The first reachable person's message in both languages. */
  sample: { name: string; id: string; en: string } | null;
}

export interface BroadcastStatusView {
  broadcast: BroadcastView;
  counts: RecipientCounts;
  /** Sending waits: it is quiet hours now. */
  quietNow: boolean;
}

export function toView(b: Selectable<BroadcastTable>): BroadcastView {
  const segment = JSON.parse(b.segment) as Segment;
  return {
    id: b.id,
    kind: b.kind,
    segment,
    segmentLabel: describeSegment(segment),
    templateId: b.template_id,
    templateEn: b.template_en,
    status: b.status,
    sendAt: b.send_at,
    createdBy: b.created_by,
    createdAt: b.created_at,
    startedAt: b.started_at,
    finishedAt: b.finished_at,
    cancelledAt: b.cancelled_at,
  };
}
