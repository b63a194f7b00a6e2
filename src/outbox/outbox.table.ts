import type { Generated } from 'kysely';

export interface OutboxTable {
  id: Generated<number>;
  queue: string;
  job_name: string;
  /** The BullMQ job id: a re-dispatch of the same row is a no-op in Redis. */
  job_id: string;
  payload: string;
  delay_until: string | null;
  created_at: string;
  dispatched_at: string | null;
}
