export { createBroadcastService, type BroadcastService } from './broadcast.service.js';
export { broadcastInput, scheduleInput, type BroadcastInput } from './broadcast.input.js';
export { CHANNEL_LABEL, type BroadcastView, type BroadcastStatusView, type Preview } from './broadcast.view.js';
export { createBroadcastQueues, BROADCAST_QUEUES, broadcastJobId } from './broadcast-queues.js';
export { createBroadcastRunner, type BroadcastRunner } from './broadcast-runner.js';
export { createBroadcastWorker } from './broadcast-worker.js';
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
