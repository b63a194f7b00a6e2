import type { Page } from 'playwright-core';
import { createStaffService } from '../../src/admin/staff.service.js';
import type { StaffRole } from '../../src/admin/admin-person.table.js';
import { upsertChatLink } from '../../src/chat/chat-link.repository.js';
import { webChatIdOf } from '../../src/chat/web-chat-id.js';
import type { Db } from '../../src/db/database.js';
import type { Clock } from '../../src/shared/clock.js';
import type { WebChatChannel } from '../../src/server/web-chat/web-chat-channel.js';
import { waitUntil } from './processes.js';

/** An admin person with a web chat (as the demo admins have): their sign-in codes arrive there. */
export async function addWebChatAdmin(
  db: Db,
  clock: Clock,
  p: { name: string; phone: string; role?: StaffRole; agencyCode?: string },
) {
  const a = await createStaffService({ db, clock }).add(
    { name: p.name, phone: p.phone, role: p.role ?? 'admin', ...(p.agencyCode ? { agencyCode: p.agencyCode } : {}) },
    'test',
  );
  await upsertChatLink(db, {
    channel: 'web',
    chatId: webChatIdOf(a.phone),
    phone: a.phone,
    role: null,
    shopId: null,
    at: clock.now().toISOString(),
  });
  return a;
}

/** The newest sign-in code in a phone's web chat inbox, once one newer than `after` is there. */
export async function codeInWebChat(
  webChat: WebChatChannel,
  phone: string,
  after: string | null = null,
): Promise<string> {
  return waitUntil(
    async () => {
      const items = await webChat.poll(webChatIdOf(phone), 0);
      const codes = items
        .map((i) => /Kode masuk dasbor peken: (\d{6})/.exec(i.message.text ?? '')?.[1])
        .filter((c): c is string => Boolean(c));
      const last = codes.at(-1);
      return last && last !== after ? last : null;
    },
    10_000,
    `a sign-in code in ${phone}'s web chat`,
  );
}

/** Signs in on a browser page already at /login: the phone, then the code that `code()` finds. */
export async function signInOnPage(page: Page, phone: string, code: () => Promise<string>): Promise<void> {
  await page.fill('input[name=phone]', phone);
  await page.click('button[type=submit]');
  await page.waitForSelector('input[name=code]');
  await page.fill('input[name=code]', await code());
  await page.click('button[type=submit]');
  await page.waitForURL(/\/dashboard/);
}
