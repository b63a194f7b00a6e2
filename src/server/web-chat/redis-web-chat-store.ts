import type { Redis } from 'ioredis';
import type { WebChatBounds, WebChatImage, WebChatItem, WebChatStore } from './web-chat-store.js';

/** An inbox nobody wrote to for this long goes (a closed tab must not keep messages forever). */
const INBOX_TTL_MS = 2 * 24 * 3_600_000;
/** As long as the page's cache keeps an image (`cache-control: max-age=3600` in routes.tsx). */
const FILE_TTL_MS = 3_600_000;

// Numbering and storing in one script: two processes appending to one chat never share a number, and a
// message costs one round trip (auto-pipelined with the others of the same turn, shared-state-redis.ts).
const APPEND = `local seq = redis.call('INCR', KEYS[1])
redis.call('RPUSH', KEYS[2], seq .. ' ' .. ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return seq`;

/** The web chat's Redis keys under the deployment's prefix; the chat id in braces keeps a chat's keys on one slot. */
export const webChatKeys = (prefix: string) => ({
  seq: (chatId: string) => `${prefix}:web-chat:{${chatId}}:seq`,
  inbox: (chatId: string) => `${prefix}:web-chat:{${chatId}}:inbox`,
  file: (id: string) => `${prefix}:web-chat:file:${id}`,
});

type AppendingRedis = Redis & {
  webChatAppend(seqKey: string, inboxKey: string, item: string, max: number, ttlMs: number): Promise<number>;
};

/**
 * The web chat's inboxes and files in Redis (the WebChatStore port), so that any server process can take a
 * notice for a chat and any other can hand it to the page. Each inbox is a list of `seq json` strings,
 * trimmed to the last `maxPerChat`, expiring when idle; files are kept an hour.
 */
export function createRedisWebChatStore(p: {
  redis: Redis;
  prefix: string;
  bounds?: Pick<WebChatBounds, 'maxPerChat'>;
  inboxTtlMs?: number;
  fileTtlMs?: number;
}): WebChatStore {
  const keys = webChatKeys(p.prefix);
  const max = p.bounds?.maxPerChat ?? 100;
  const inboxTtl = p.inboxTtlMs ?? INBOX_TTL_MS;
  const fileTtl = p.fileTtlMs ?? FILE_TTL_MS;
  // Defined once per connection (EVALSHA, loaded on first use).
  if (!(p.redis as unknown as { webChatAppend?: unknown }).webChatAppend)
    p.redis.defineCommand('webChatAppend', { numberOfKeys: 2, lua: APPEND });
  const redis = p.redis as AppendingRedis;
  return {
    async append(chatId, item) {
      await redis.webChatAppend(keys.seq(chatId), keys.inbox(chatId), JSON.stringify(item), max, inboxTtl);
    },
    async since(chatId, afterSeq) {
      const raw = await redis.lrange(keys.inbox(chatId), 0, -1);
      const items: WebChatItem[] = [];
      for (const entry of raw) {
        const space = entry.indexOf(' ');
        const seq = Number(entry.slice(0, space));
        if (seq > afterSeq) items.push({ seq, ...(JSON.parse(entry.slice(space + 1)) as Omit<WebChatItem, 'seq'>) });
      }
      return items;
    },
    async keepFile(id, file) {
      // One value: a JSON head line (JSON.stringify escapes newlines), then the bytes.
      const head = Buffer.from(`${JSON.stringify({ chatId: file.chatId, type: file.type, name: file.name })}\n`);
      await redis.set(keys.file(id), Buffer.concat([head, file.bytes]), 'PX', fileTtl);
    },
    async file(id) {
      const raw = await redis.getBuffer(keys.file(id));
      if (!raw) return undefined;
      const nl = raw.indexOf(0x0a);
      const head = JSON.parse(raw.subarray(0, nl).toString('utf8')) as Omit<WebChatImage, 'bytes'>;
      return { ...head, bytes: Buffer.from(raw.subarray(nl + 1)) } satisfies WebChatImage;
    },
  };
}
