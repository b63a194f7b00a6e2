import { recordAudit } from '../audit/audit.repository.js';
import { loadAreaIndex } from '../areas/area.repository.js';
import type { Db } from '../db/database.js';
import type { ImportSummary, RowProblem } from '../people/roster-import.js';
import { ImportError, readCsv, type CsvRow } from '../shared/csv.js';
import { findShopByCode } from './shop.repository.js';
import { normalizePhone } from '../shared/phone.js';
import { checkShopQris, qrisAuditView, qrisRefusalText } from '../payments/shop-qris.service.js';
import { upsertShop, type ShopRecord } from './shop-upsert.js';
import type { ShopKind } from './shop.table.js';

export const SHOP_COLUMNS = [
  'code',
  'name',
  'kind',
  'kelurahan',
  'address',
  'owner_name',
  'owner_phone',
  'payment_instructions',
  'qris',
] as const;
const KINDS: readonly ShopKind[] = ['kelontong', 'umkm', 'koperasi', 'swk'];

/** A checked shop row, with the line it came from. */
export type ShopImportRecord = ShopRecord & { line: number };

/**
 * Imports shops with their owners. New shops start `pending` until the cooperatives office verifies them.
 * All-or-nothing like the roster import; re-importing the same file changes nothing.
 */
export async function importShops(db: Db, csv: string, props: { actor: string; at: string }): Promise<ImportSummary> {
  const { records, problems } = await checkShopRows(
    db,
    readCsv(csv, ['code', 'name', 'kind', 'kelurahan', 'owner_name', 'owner_phone']),
  );
  if (problems.length) throw new ImportError(problems);
  return db.transaction().execute((trx) => applyShops(trx, records, props));
}

/** Checks shop rows (from a CSV or a spreadsheet); reads only (the upload dry run runs it in a worker thread). */
export async function checkShopRows(
  db: Db,
  rows: readonly CsvRow[],
): Promise<{ records: ShopImportRecord[]; problems: RowProblem[] }> {
  const areas = await loadAreaIndex(db);
  const problems: RowProblem[] = [];
  const records: ShopImportRecord[] = [];
  const seen = new Map<string, number>();
  for (const { line, values: v } of rows) {
    const why: string[] = [];
    const code = (v.code ?? '').trim().toUpperCase();
    if (!/^[A-Z0-9-]{2,30}$/.test(code)) why.push('code must be 2–30 letters, digits or -');
    else if (seen.has(code)) why.push(`same code as line ${seen.get(code)}`);
    const name = (v.name ?? '').trim();
    if (name.length < 2 || name.length > 120) why.push('name is missing or too long');
    const kind = (v.kind ?? '').trim().toLowerCase() as ShopKind;
    if (!KINDS.includes(kind)) why.push(`kind must be one of ${KINDS.join(', ')}`);
    const kelurahan = areas.resolve(v.kelurahan ?? '');
    if (!kelurahan) why.push(`kelurahan "${v.kelurahan ?? ''}" is not a kelurahan of Surabaya`);
    const phone = normalizePhone(v.owner_phone ?? '');
    if (!phone) why.push('owner_phone is not an Indonesian mobile number (e.g. 0812…)');
    const ownerName = (v.owner_name ?? '').trim();
    if (ownerName.length < 2) why.push('owner_name is missing');
    // Optional: an empty cell keeps the QRIS the owner registered in chat.
    const qrisText = (v.qris ?? '').trim();
    const qris = qrisText === '' ? undefined : checkShopQris(qrisText);
    if (qris && !qris.ok) why.push(`qris: ${qrisRefusalText[qris.reason]}`);
    if (why.length) {
      problems.push({ line, reason: why.join('; ') });
      continue;
    }
    seen.set(code, line);
    records.push({
      line,
      code,
      name,
      kind,
      kelurahanCode: kelurahan!,
      address: (v.address ?? '').trim(),
      ownerName,
      ownerPhone: phone!,
      paymentInstructions: (v.payment_instructions ?? '').trim(),
      initialStatus: 'pending',
      ...(qris?.ok ? { qris: qris.payload } : {}),
    });
  }
  if (rows.length === 0) problems.push({ line: 1, reason: 'no rows after the header' });
  return { records, problems };
}

/** Writes checked records inside the caller's transaction (the CLI and API import, and a confirmed upload). */
export async function applyShops(
  trx: Db,
  records: readonly ShopImportRecord[],
  props: { actor: string; at: string; action?: string; audit?: Record<string, unknown> },
): Promise<ImportSummary> {
  const summary: ImportSummary = { inserted: 0, updated: 0, unchanged: 0 };
  for (const { line: _line, ...r } of records) {
    const before = r.qris === undefined ? undefined : await findShopByCode(trx, r.code);
    const outcome = await upsertShop(trx, r, props.at);
    summary[outcome]++;
    if (r.qris !== undefined && before?.qris !== r.qris) {
      const shop = (await findShopByCode(trx, r.code))!;
      await recordAudit(trx, {
        actor: props.actor,
        action: 'shop.qris',
        entity: 'shop',
        entityId: shop.id,
        before: qrisAuditView(before?.qris ?? null),
        after: qrisAuditView(r.qris),
        at: props.at,
      });
    }
  }
  if (summary.inserted || summary.updated)
    await recordAudit(trx, {
      actor: props.actor,
      action: props.action ?? 'shops.import',
      entity: 'shops',
      after: { ...summary, ...props.audit },
      at: props.at,
    });
  return summary;
}
