import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Queue } from 'bullmq';
import type { Hono } from 'hono';

/** Bull Board's UI for the given queues, as a Hono app to mount at `basePath` (behind admin sign-in). */
export function createBullBoardApp(p: { queues: readonly Queue[]; basePath: string }): Hono {
  const adapter = new HonoAdapter(serveStatic);
  adapter.setBasePath(p.basePath);
  createBullBoard({
    queues: p.queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'peken' } },
  });
  return adapter.registerPlugin();
}
