import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveOnLoopback } from '../support/browser.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { adminWorld } from '../admin/support.js';
import { signInOnPage } from '../support/admin-sign-in.js';

let t: TestDb;
let server: Awaited<ReturnType<typeof serveOnLoopback>> | undefined;
let browser: Browser;
let base: string;
let adminPhone: string;
let codes: Map<string, string>;

beforeAll(async () => {
  t = await createTestDb();
  const w = await adminWorld(t.db);
  adminPhone = w.people.admin.phone;
  codes = w.codes;
  server = await serveOnLoopback(w.app as unknown as { fetch: (r: Request) => Promise<Response> });
  base = server.base;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.cleanup();
});

const HEADER = [
  'nip',
  'name',
  'phone',
  'agency_code',
  'agency_name',
  'position_class',
  'domicile_kelurahan',
  'office_kelurahan',
];
const SITI = [
  '198001012005011001',
  'Siti Rahayu',
  '081234567001',
  'DINKES',
  'Dinas Kesehatan',
  'pelaksana',
  'Kapasari',
  'Genteng',
];
const BUDI = [
  '197505052000121002',
  'Budi Santoso',
  '081234567002',
  'DINKES',
  'Dinas Kesehatan',
  'camat',
  'Perak Timur',
  'Genteng',
];
const names = async () => (await t.all<{ name: string }>('select name from buyers order by name')).map((r) => r.name);

describe('dashboard uploads in a browser', () => {
  it('choose a file → dry-run table → confirm → the rows are there; a file with a bad row offers no confirmation', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/dashboard/uploads`);
    await signInOnPage(page, adminPhone, async () => codes.get(adminPhone)!);
    await page.waitForURL(/\/dashboard\/uploads/);

    // A CSV with a bad row: listed with its line and reason, nothing to confirm, nothing written.
    await page.selectOption('select[name=kind]', 'roster');
    await page.setInputFiles('input[name=file]', {
      name: 'roster.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [HEADER, SITI, ['123', ...SITI.slice(1, 2), '081234567009', ...SITI.slice(3)]]
          .map((r) => r.join(','))
          .join('\n'),
      ),
    });
    await page.click('form[enctype="multipart/form-data"] button[type=submit]');
    await page.waitForSelector('#upload-problems');
    expect(await page.locator('#upload-problems tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^3NIP must be 18 digits/),
    ]);
    expect(await page.locator('#upload-confirm').count()).toBe(0);
    expect(await names()).toEqual([]);

    // A good workbook: the dry run lists both rows to add, writes nothing; confirming adds them.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('roster');
    for (const r of [HEADER, SITI, BUDI]) sheet.addRow(r);
    await page.goto(`${base}/dashboard/uploads`);
    await page.setInputFiles('input[name=file]', {
      name: 'roster.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await book.xlsx.writeBuffer()),
    });
    await page.click('form[enctype="multipart/form-data"] button[type=submit]');
    await page.waitForSelector('#upload-add');
    const rows = await page.locator('#upload-add tbody tr').allTextContents();
    expect(rows).toEqual([
      expect.stringMatching(/^2Siti Rahayu\s*DINKES · pelaksana/),
      expect.stringMatching(/^3Budi Santoso\s*DINKES · camat/),
    ]);
    expect(await page.locator('#upload-summary').textContent()).toMatch(
      /2 baris: 2 ditambah, 0 diubah, 0 tetap, 0 ditolak/,
    );
    expect(await names()).toEqual([]);
    await page.click('#upload-confirm');
    await page.waitForSelector('#upload-applied');
    expect(await page.locator('#upload-applied').textContent()).toMatch(/2 ditambah, 0 diubah/);
    expect(await names()).toEqual(['Budi Santoso', 'Siti Rahayu']);
    await page.click('a[href="/dashboard/buyers"]');
    await page.waitForSelector('#buyers');
    expect((await page.locator('#buyers tbody tr td:first-child').allTextContents()).sort()).toEqual([
      'Budi Santoso',
      'Siti Rahayu',
    ]);

    // Going back and confirming the same dry run again is refused.
    await page.goBack();
    await page.goBack();
    await page.waitForSelector('#upload-confirm');
    await page.click('#upload-confirm');
    await page.waitForSelector('text=sudah diterapkan');
    expect(await names()).toEqual(['Budi Santoso', 'Siti Rahayu']);
  });
});
