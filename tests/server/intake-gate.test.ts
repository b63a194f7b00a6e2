import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/server/http-app.js';
import { createIntakeGate } from '../../src/server/web-chat/intake-gate.js';
import { BUSY_RETRY_AFTER_SEC, webChatIntake } from '../../src/server/web-chat/intake.js';

const turn = () => new Promise((r) => setImmediate(r));

/** Counts turns of the event loop: a setImmediate queued from a setImmediate runs in the next turn. */
function loopTurns(): { now(): number; stop(): void } {
  let tick = 0;
  let done = false;
  const ticker = () => {
    tick++;
    if (!done) setImmediate(ticker);
  };
  ticker();
  return { now: () => tick, stop: () => (done = true) };
}

describe('the web chat intake gate', () => {
  it('lets requests in first come, first served, no more than its concurrency at once', async () => {
    const gate = createIntakeGate({ concurrency: 2, maxWaiting: 10 });
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const entries = Array.from({ length: 4 }, (_, i) =>
      gate.enter()!.then((release) => {
        order.push(i);
        releases.push(release!);
      }),
    );
    for (let i = 0; i < 5; i++) await turn();
    expect(order).toEqual([0, 1]);
    expect(gate.load()).toEqual({ running: 2, waiting: 2 });
    releases[0]!();
    releases[0]!(); // a second release of the same place changes nothing
    for (let i = 0; i < 5; i++) await turn();
    expect(order).toEqual([0, 1, 2]);
    expect(gate.load()).toEqual({ running: 2, waiting: 1 });
    releases[1]!();
    await Promise.all(entries);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('lets in one request per turn of the event loop, so that I/O is read between two of them', async () => {
    const gate = createIntakeGate({ concurrency: 100, maxWaiting: 100 });
    const turns = loopTurns();
    const admittedAt: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, () =>
        gate.enter()!.then((release) => {
          admittedAt.push(turns.now());
          release!();
        }),
      ),
    );
    turns.stop();
    expect(new Set(admittedAt).size).toBe(5);
  });

  it('resumes a request that gave the loop back before it lets a new one in, one step per turn', async () => {
    const gate = createIntakeGate({ concurrency: 2, maxWaiting: 10 });
    const turns = loopTurns();
    const steps: Array<[string, number]> = [];
    const step = (name: string) => steps.push([name, turns.now()]);
    // Two messages arrive together; each gives the loop back between its steps (before the engine, before the reply).
    const message = async (name: string, passes: number) => {
      const release = (await gate.enter())!;
      step(`${name}1`);
      for (let k = 2; k <= passes + 1; k++) {
        await gate.pass();
        step(`${name}${k}`);
      }
      release!();
    };
    await Promise.all([message('a', 2), message('b', 1)]);
    turns.stop();
    // Without the priority b would start between a's steps; without one step per turn two would share a turn.
    expect(steps.map(([name]) => name)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    expect(new Set(steps.map(([, at]) => at)).size).toBe(5);
  });

  it('refuses at once past its line, and drops a waiter whose client left', async () => {
    const gate = createIntakeGate({ concurrency: 1, maxWaiting: 2 });
    const first = await gate.enter()!;
    const left = new AbortController();
    const waiting = [gate.enter(left.signal)!, gate.enter()!];
    expect(gate.enter()).toBeNull();
    left.abort();
    first!();
    expect(await waiting[0]).toBeNull();
    expect(await waiting[1]).toBeTypeOf('function');
  });

  it('answers 503 with Retry-After before the route reads anything, and leaves /healthz alone', async () => {
    const gate = createIntakeGate({ concurrency: 1, maxWaiting: 0 });
    const hold = await gate.enter()!;
    let reached = false;
    const chat = new Hono();
    chat.post('/chat/api/send', (c) => ((reached = true), c.json({ replies: [] })));
    const app = createHttpApp({
      health: async () => ({ status: 'ok' }) as never,
      admission: webChatIntake(gate),
      mounts: [{ path: '/', app: chat as never }],
    });
    const busy = await app.request('/chat/api/send', { method: 'POST', body: '{}' });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe(String(BUSY_RETRY_AFTER_SEC));
    expect(((await busy.json()) as { error: { code: string } }).error.code).toBe('busy');
    expect(reached).toBe(false);
    expect((await app.request('/healthz')).status).toBe(200);
    hold!();
    const gateOpen = createIntakeGate({ concurrency: 1, maxWaiting: 0 });
    const open = createHttpApp({
      health: async () => ({ status: 'ok' }) as never,
      admission: webChatIntake(gateOpen),
      mounts: [{ path: '/', app: chat as never }],
    });
    expect((await open.request('/chat/api/send', { method: 'POST', body: '{}' })).status).toBe(200);
    expect(reached).toBe(true);
    expect(gateOpen.load()).toEqual({ running: 0, waiting: 0 });
  });
});
