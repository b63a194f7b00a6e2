import { z } from 'zod';
import { segmentSchema } from './segment.js';

/** What an admin sends: a segment, the Indonesian template (English optional), and optionally when. */
export const broadcastInput = z.strictObject({
  segment: segmentSchema,
  templateId: z.string().max(4000),
  templateEn: z.string().max(4000).nullish(),
  /** 'now', or an ISO time with its offset (e.g. 2026-11-28T07:00:00+07:00); without it a draft is kept. */
  sendAt: z.union([z.literal('now'), z.iso.datetime({ offset: true })]).optional(),
});
export type BroadcastInput = z.input<typeof broadcastInput>;
export const scheduleInput = z.strictObject({ at: z.iso.datetime({ offset: true }) });
