// The fake Bot API in its own process for the broadcast bench: Telegram's servers are not our CPU, so
// the process being measured should not also carry them. Prints {url, token} once; on "stats" from stdin
// prints the times of the successful sends; exits when stdin closes.
import { startFakeTelegramApi } from '../tests/support/fake-telegram-api.js';

const api = await startFakeTelegramApi();
process.stdout.write(`${JSON.stringify({ url: api.url, token: api.token })}\n`);
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  buffered += chunk;
  let i: number;
  while ((i = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, i).trim();
    buffered = buffered.slice(i + 1);
    if (line === 'stats') {
      const sentChats = api.sent().map((s) => s.chatId);
      const times = api.calls.filter((c) => c.method === 'sendMessage').map((c) => c.at);
      process.stdout.write(`${JSON.stringify({ sent: sentChats.length, distinct: new Set(sentChats).size, times })}\n`);
    }
  }
});
process.stdin.on('end', () => void api.close().then(() => process.exit(0)));
