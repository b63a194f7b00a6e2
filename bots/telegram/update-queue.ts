import type { Update } from 'grammy/types';
import type { TelegramLogger } from './telegram-logger.js';

/** An update taken from the inbox to handle. */
export interface StoredUpdate {
  updateId: number;
  chatKey: string;
  payload: string;
}

/**
 * Where the webhook keeps updates until they are handled: durable, so that answering Telegram at once
 * loses nothing in a crash. Implemented over SQLite by src/chat/update-inbox.ts; the adapter sees only this.
 */
export interface UpdateInbox {
  /** Stores an update; false when its id was stored before (a redelivery: nothing to do). */
  accept(u: StoredUpdate): Promise<boolean>;
  /** Records an update handled on arrival (long polling); false when seen before. */
  seen(updateId: number, chatKey: string): Promise<boolean>;
  /** Takes up to `limit` unhandled updates, oldest first, that no live handler holds. */
  claim(limit: number): Promise<StoredUpdate[]>;
  done(updateId: number): Promise<void>;
  /** Gives back updates taken but not handled (shutdown), for the next start. */
  release(updateIds: readonly number[]): Promise<void>;
}

export interface UpdateQueue {
  /** Look for stored updates soon (after a webhook stored one). */
  poke(): void;
  /** Resolves when nothing is stored or being handled (tests). */
  idle(): Promise<void>;
  /** Stops taking updates, lets running ones finish (their replies are aborted by the caller's signal) and gives back the rest. */
  stop(): Promise<void>;
}

/** Updates handled at once across chats; one chat's updates always one after another, in order. */
const MAX_IN_FLIGHT = 32;
/** Looks for updates left by a process that died (their lease ran out) or missed by a poke. */
const POLL_MS = 5000;

/**
 * Handles the updates the webhook stored: a chat's updates in update_id order, different chats at once.
 * A failure in one update is logged and the update counts as handled (the bot's own boundary has already
 * given the person an apology), so one bad update never blocks its chat.
 */
export function createUpdateQueue(o: {
  inbox: UpdateInbox;
  handle: (update: Update) => Promise<void>;
  logger: TelegramLogger;
  pollMs?: number;
}): UpdateQueue {
  const chains = new Map<string, Promise<void>>();
  const held = new Set<number>();
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let idleWaiters: Array<() => void> = [];

  function settleIdle() {
    if (held.size > 0 || running) return;
    for (const w of idleWaiters.splice(0)) w();
  }

  function run(u: StoredUpdate): void {
    held.add(u.updateId);
    const previous = chains.get(u.chatKey) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (stopped) return; // left held: stop() gives it back
      try {
        await o.handle(JSON.parse(u.payload) as Update);
      } catch (error) {
        o.logger.error({ err: (error as Error).message, updateId: u.updateId }, 'telegram: stored update failed');
      }
      try {
        await o.inbox.done(u.updateId);
        held.delete(u.updateId);
      } catch (error) {
        // Still held: its lease runs out and it is handled again (the engine ignores a message id it has seen).
        o.logger.warn(
          { err: (error as Error).message, updateId: u.updateId },
          'telegram: could not mark an update handled',
        );
        held.delete(u.updateId);
      }
      poke();
      settleIdle();
    });
    chains.set(u.chatKey, next);
    void next.finally(() => {
      if (chains.get(u.chatKey) === next) chains.delete(u.chatKey);
    });
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      while (!stopped && held.size < MAX_IN_FLIGHT) {
        const batch = await o.inbox.claim(MAX_IN_FLIGHT - held.size);
        if (batch.length === 0) break;
        for (const u of batch) run(u);
      }
    } while (again && !stopped);
  }

  function poke(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) =>
        o.logger.warn({ err: (error as Error).message }, 'telegram: could not read stored updates; will retry'),
      )
      .finally(() => {
        running = null;
        settleIdle();
      });
  }

  const timer = setInterval(poke, o.pollMs ?? POLL_MS);
  timer.unref();
  poke();

  return {
    poke,
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      }),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await Promise.allSettled([...chains.values()]);
      await o.inbox.release([...held]).catch(() => {});
      held.clear();
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    },
  };
}
