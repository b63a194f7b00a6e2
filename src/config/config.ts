import { resolve } from 'node:path';
import { z } from 'zod';
import { normalizePhone } from '../shared/phone.js';

/**
 * Every environment variable the service reads, with its default. Only src/main.ts and the CLI pass
 * process.env in; everything else receives the typed Config.
 */
const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'], { message: 'expected 1/0, true/false or yes/no' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `expected a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `expected a whole number from ${min} to ${max}`);

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `expected a URL starting with ${protocols.join(' or ')}`,
  );

export const ENV = {
  PORT: { schema: int(1, 65535), default: '3000', help: 'HTTP port of the server (dashboard, API, webhook, /healthz)' },
  HOST: { schema: z.string().min(1), default: '127.0.0.1', help: 'address the HTTP server binds to' },
  DATA_DIR: {
    schema: z.string().min(1),
    default: './data',
    help: 'folder for the SQLite database, media, WhatsApp session and private Redis',
  },
  DATABASE_FILE: {
    schema: z.string().min(1).optional(),
    default: undefined,
    help: 'SQLite file (default: DATA_DIR/peken.db)',
  },
  DATABASE_URL: {
    schema: url(['postgres:', 'postgresql:']).optional(),
    default: undefined,
    help: 'PostgreSQL instead of SQLite (postgres://user:pass@host:5432/db). Being ported (issue 18): today only `peken migrate` uses it; the service refuses to start with it',
  },
  REDIS_URL: {
    schema: url(['redis:', 'rediss:']),
    default: 'redis://127.0.0.1:6379',
    help: 'Redis for BullMQ; when nothing answers and redis-server is installed, a private one is started under DATA_DIR',
  },
  QUEUE_PREFIX: {
    schema: z.string().regex(/^[a-z0-9_-]+$/i, 'expected letters, digits, _ or -'),
    default: 'peken',
    help: 'BullMQ key prefix (isolates deployments sharing a Redis)',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    help: 'pino log level',
  },
  DEMO: {
    schema: bool,
    default: '1',
    help: 'on a fresh database, load the demo city (about 200 ASN and 160 shops) at start',
  },
  WORKER_CONCURRENCY: {
    schema: int(1, 500),
    default: '64',
    help: 'order jobs processed at once per worker process (also its largest reserve batch)',
  },
  WORKER_LOCK_MS: {
    schema: int(1000, 600_000),
    default: '30000',
    help: 'how long a job is locked by a worker before another may take it over (crash recovery)',
  },
  SHUTDOWN_TIMEOUT_MS: {
    schema: int(1000, 600_000),
    default: '30000',
    help: 'how long a graceful shutdown (SIGTERM/SIGINT) may take before the process exits anyway, logging where it was',
  },
  SWEEP_INTERVAL_MS: {
    schema: int(100, 3_600_000),
    default: '15000',
    help: 'how often the sweeper re-dispatches what Redis missed and expires overdue orders',
  },
  TELEGRAM_BOT_TOKEN: {
    schema: z
      .string()
      .regex(/^\d+:[\w-]{20,}$/, 'expected a token from @BotFather like 123456:ABC…')
      .optional(),
    default: undefined,
    help: 'Telegram bot token; without it the Telegram bot is off',
  },
  TELEGRAM_WEBHOOK_URL: {
    schema: url(['https:']).optional(),
    default: undefined,
    help: 'public HTTPS URL of /telegram/webhook; without it the bot uses long polling',
  },
  TELEGRAM_WEBHOOK_SECRET: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16–256 letters, digits, _ or -')
      .optional(),
    default: undefined,
    help: 'secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (required with TELEGRAM_WEBHOOK_URL)',
  },
  TELEGRAM_API_ROOT: {
    schema: url(['http:', 'https:']).optional(),
    default: undefined,
    help: 'Bot API root (tests point it at a fake server)',
  },
  TELEGRAM_BOT_USERNAME: {
    schema: z
      .string()
      .regex(/^@?[A-Za-z][A-Za-z0-9_]{3,31}$/, "expected the bot's username from @BotFather, like peken_bot")
      .transform((v) => v.replace(/^@/, ''))
      .optional(),
    default: undefined,
    help: "the bot's username for shop invitation links (https://t.me/<username>?start=…); default: asked from Telegram (getMe) when the bot runs in this process",
  },
  TELEGRAM_RATE_PER_S: {
    schema: int(1, 100),
    default: '25',
    help: 'messages per second sent through Telegram in all (its limit is about 30): a fifth for order notices, the rest for broadcasts',
  },
  WHATSAPP_ENABLED: { schema: bool, default: '0', help: 'run the WhatsApp gateway inside `npm start`' },
  WHATSAPP_NUMBER: {
    schema: z
      .string()
      .transform(
        (v, ctx) =>
          normalizePhone(v) ??
          (ctx.addIssue({
            code: 'custom',
            message: "expected the gateway's Indonesian mobile number, like +6281234567890",
          }),
          z.NEVER),
      )
      .optional(),
    default: undefined,
    help: "the WhatsApp gateway's own number, for shop invitation links (https://wa.me/<number>?text=…); without it the dashboard says WhatsApp invitations are not set up",
  },
  WHATSAPP_CHROMIUM_PATH: {
    schema: z.string().min(1),
    default: '/usr/bin/chromium',
    help: 'Chromium used by whatsapp-web.js',
  },
  WHATSAPP_INTERVAL_MS: {
    schema: int(200, 600_000),
    default: '2000',
    help: 'minimum gap between two WhatsApp messages',
  },
  WHATSAPP_JITTER_MS: {
    schema: int(0, 600_000),
    default: '1000',
    help: 'random extra gap added to each WhatsApp message',
  },
  WHATSAPP_RESTART_HOURS: {
    schema: int(0, 720),
    default: '0',
    help: 'restart the WhatsApp browser every N hours against memory growth (0 = never)',
  },
  FAULT_HOLD_DELAY_MS: {
    schema: int(0, 60_000),
    default: '0',
    help: 'test and simulation only: stall inside each ledger hold transaction, to kill a worker mid-job',
  },
  TRUST_PROXY: {
    schema: bool,
    default: '0',
    help: '1 when a TLS-terminating reverse proxy on this host forwards to peken: cookies always Secure, client address from the last X-Forwarded-For entry (sign-in limits)',
  },
  WEB_CHAT_NEW_PER_HOUR: {
    schema: int(1, 1_000_000),
    default: '30',
    help: 'new demo web chats (new chat ids) one client address may start per hour; over it the web chat answers 429',
  },
  SESSION_SECRET: {
    schema: z.string().min(32, 'expected at least 32 characters').optional(),
    default: undefined,
    help: 'key for sign-in code hashes and web chat form tokens (default: generated and kept in DATA_DIR)',
  },
} as const;

export type EnvKey = keyof typeof ENV;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  /** DATABASE_URL: PostgreSQL instead of the SQLite file (issue 18). */
  databaseUrl?: string;
  redisUrl: string;
  queuePrefix: string;
  logLevel: string;
  demo: boolean;
  workerConcurrency: number;
  workerLockMs: number;
  shutdownTimeoutMs: number;
  sweepIntervalMs: number;
  faultHoldDelayMs: number;
  telegram: {
    token?: string;
    webhookUrl?: string;
    webhookSecret?: string;
    apiRoot?: string;
    ratePerSecond: number;
    username?: string;
  };
  /** `number`: the gateway's own number (E.164), for invitation links. */
  whatsapp: {
    enabled: boolean;
    number?: string;
    chromiumPath: string;
    intervalMs: number;
    jitterMs: number;
    restartHours: number;
  };
  sessionSecret?: string;
  trustProxy: boolean;
  /** New demo web chats per client address per hour. */
  webChatNewPerHour: number;
}

export class ConfigError extends Error {}

/** Parses the environment once, failing fast with the variable's name and what is expected. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const v: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(ENV)) {
    const raw = env[key] === '' ? undefined : env[key];
    const r = (spec.schema as z.ZodType).safeParse(raw ?? spec.default);
    if (r.success) v[key] = r.data;
    else problems.push(`${key}=${JSON.stringify(raw)}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  }
  if (v.TELEGRAM_WEBHOOK_URL && !v.TELEGRAM_WEBHOOK_SECRET) {
    problems.push('TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set');
  }
  if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  const dataDir = resolve(v.DATA_DIR as string);
  return {
    port: v.PORT as number,
    host: v.HOST as string,
    dataDir,
    databaseFile: resolve((v.DATABASE_FILE as string | undefined) ?? `${dataDir}/peken.db`),
    databaseUrl: v.DATABASE_URL as string | undefined,
    redisUrl: v.REDIS_URL as string,
    queuePrefix: v.QUEUE_PREFIX as string,
    logLevel: v.LOG_LEVEL as string,
    demo: v.DEMO as boolean,
    workerConcurrency: v.WORKER_CONCURRENCY as number,
    workerLockMs: v.WORKER_LOCK_MS as number,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS as number,
    sweepIntervalMs: v.SWEEP_INTERVAL_MS as number,
    faultHoldDelayMs: v.FAULT_HOLD_DELAY_MS as number,
    telegram: {
      token: v.TELEGRAM_BOT_TOKEN as string | undefined,
      webhookUrl: v.TELEGRAM_WEBHOOK_URL as string | undefined,
      webhookSecret: v.TELEGRAM_WEBHOOK_SECRET as string | undefined,
      apiRoot: v.TELEGRAM_API_ROOT as string | undefined,
      ratePerSecond: v.TELEGRAM_RATE_PER_S as number,
      username: v.TELEGRAM_BOT_USERNAME as string | undefined,
    },
    whatsapp: {
      enabled: v.WHATSAPP_ENABLED as boolean,
      number: v.WHATSAPP_NUMBER as string | undefined,
      chromiumPath: v.WHATSAPP_CHROMIUM_PATH as string,
      intervalMs: v.WHATSAPP_INTERVAL_MS as number,
      jitterMs: v.WHATSAPP_JITTER_MS as number,
      restartHours: v.WHATSAPP_RESTART_HOURS as number,
    },
    sessionSecret: v.SESSION_SECRET as string | undefined,
    trustProxy: v.TRUST_PROXY as boolean,
    webChatNewPerHour: v.WEB_CHAT_NEW_PER_HOUR as number,
  };
}
