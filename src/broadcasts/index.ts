export { createBroadcastService, type BroadcastService } from './broadcast.service.js';
export { broadcastInput, scheduleInput, type BroadcastInput } from './broadcast.input.js';
export { CHANNEL_LABEL, type BroadcastView, type BroadcastStatusView, type Preview } from './broadcast.view.js';
export { BROADCAST_QUEUES, broadcastJobId, type BroadcastJob } from './broadcast.jobs.js';
export {
  segmentSchema,
  SEGMENT_KINDS,
  SEGMENT_LABELS,
  describeSegment,
  type Segment,
  type SegmentKind,
} from './segment.js';
export { VARIABLES, ALIASES, renderTemplate } from './template.js';
export { isQuiet, quietEndsAt } from './quiet-hours.js';
export type { RecipientStatus, BroadcastStatus } from './broadcast.table.js';
