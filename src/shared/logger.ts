import pino, { type Logger } from 'pino';
import { maskPhone } from './phone.js';

export type { Logger };

// NIP and NIK are never logged at all; phone numbers only masked. Anything that looks like one in a
// message string is scrubbed too, since a log line is the easiest place for personal data to leak.
const NIP_OR_NIK = /\b\d{16}(\d{2})?\b/g;
const PHONE = /\+62\d{8,12}\b/g;

export function scrub(text: string): string {
  return text.replace(NIP_OR_NIK, '[redacted]').replace(PHONE, (p) => maskPhone(p));
}

export function createLogger(props: { level: string; name?: string; destination?: NodeJS.WritableStream }): Logger {
  const options: pino.LoggerOptions = {
    name: props.name ?? 'peken',
    level: props.level,
    redact: { paths: ['nip', 'nik', '*.nip', '*.nik'], censor: '[redacted]' },
    formatters: {
      log(object) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(object)) {
          if (k === 'phone' || k.endsWith('Phone')) out[k] = typeof v === 'string' ? maskPhone(v) : v;
          else out[k] = typeof v === 'string' ? scrub(v) : v;
        }
        return out;
      },
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as typeof args;
        return method.apply(this, scrubbed);
      },
    },
  };
  return props.destination ? pino(options, props.destination) : pino(options);
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
