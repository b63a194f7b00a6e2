import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, headless; never a downloaded browser (.ci/run installs the package). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Serves an app on a free loopback port for the browser; returns its base URL and a close. */
export async function serveOnLoopback(app: {
  fetch: (r: Request) => Response | Promise<Response>;
}): Promise<{ base: string; close(): Promise<void> }> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
