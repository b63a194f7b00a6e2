import type { ConversationHandler, InboundMessage, OutboundMessage } from '../../src/chat/ports.js';
import type { SessionTimers, WhatsAppLogger } from '../../bots/whatsapp/index.js';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: object;
  message: string;
}

export function recordingLogger(): WhatsAppLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (fields, message) => void lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => void lines.push({ level: 'warn', fields, message }),
    error: (fields, message) => void lines.push({ level: 'error', fields, message }),
  };
}

/** A stand-in engine: records what it got and echoes it back with two options. */
export function echoHandler(): ConversationHandler & { seen: InboundMessage[]; failNext: number } {
  const handler = {
    seen: [] as InboundMessage[],
    failNext: 0,
    async handle(message: InboundMessage): Promise<readonly OutboundMessage[]> {
      handler.seen.push(message);
      if (handler.failNext > 0) {
        handler.failNext--;
        throw new Error('engine down');
      }
      const said = message.content.kind === 'text' ? message.content.text : message.content.kind;
      return [
        {
          text: `Anda menulis: ${said}`,
          options: [
            { label: 'Pesan barang', value: 'order' },
            { label: 'Bantuan', value: 'help' },
          ],
        },
      ];
    },
  };
  return handler;
}

/** Timers that only fire when the test says so, recording every delay asked for. */
export class ManualTimers implements SessionTimers {
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  readonly delays: number[] = [];
  #next = 1;

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#next++;
    this.pending.set(id, { callback, ms });
    this.delays.push(ms);
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Fires the one pending timer with this delay. */
  fire(ms: number): void {
    const entry = [...this.pending].find(([, t]) => t.ms === ms);
    if (!entry)
      throw new Error(
        `no pending timer of ${ms} ms (pending: ${[...this.pending.values()].map((t) => t.ms).join(', ')})`,
      );
    this.pending.delete(entry[0]);
    entry[1].callback();
  }
}

/** Lets pending promise callbacks and I/O callbacks run. */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
