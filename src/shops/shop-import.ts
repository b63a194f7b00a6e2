import { recordAudit } from '../audit/audit.repository.js';
import { loadAreaIndex } from '../areas/area.repository.js';
import type { Db } from '../db/database.js';
import type { ImportSummary } from '../people/roster-import.js';
import { ImportError, readCsv } from '../shared/csv.js';
import { normalizePhone } from '../shared/phone.js';
import { checkShopQris, qrisAuditView, qrisRefusalText } from '../payments/shop-qris.service.js';
import { upsertShop, type ShopRecord } from './shop-upsert.js';
import type { ShopKind } from './shop.table.js';

export const SHOP_COLUMNS = ['code', 'name', 'kind', 'kelurahan', 'address', 'owner_name', 'owner_phone', 'payment_instructions', 'qris'] as const;
const KINDS: readonly ShopKind[] = ['kelontong', 'umkm', 'koperasi', 'swk'];

/**
 * Imports shops with their owners. New shops start `pending` until the cooperatives office verifies them.
 * All-or-nothing like the roster import; re-importing the same file changes nothing.
 */
export async function importShops(db: Db, csv: string, props: { actor: string; at: string }): Promise<ImportSummary> {
  const rows = readCsv(csv, ['code', 'name', 'kind', 'kelurahan', 'owner_name', 'owner_phone']);
  const areas = await loadAreaIndex(db);
  const problems: { line: number; reason: string }[] = [];
  const records: ShopRecord[] = [];
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
      code, name, kind, kelurahanCode: kelurahan!, address: (v.address ?? '').trim(), ownerName, ownerPhone: phone!,
      paymentInstructions: (v.payment_instructions ?? '').trim(), initialStatus: 'pending',
      ...(qris?.ok ? { qris: qris.payload } : {}),
    });
  }
  if (rows.length === 0) problems.push({ line: 1, reason: 'no rows after the header' });
  if (problems.length) throw new ImportError(problems);
  return db.transaction().execute(async (trx) => {
    const summary: ImportSummary = { inserted: 0, updated: 0, unchanged: 0 };
    for (const r of records) {
      const before = r.qris === undefined ? undefined : await trx.selectFrom('shops').select(['id', 'qris']).where('code', '=', r.code).executeTakeFirst();
      summary[await upsertShop(trx, r, props.at)]++;
      if (r.qris !== undefined && before?.qris !== r.qris) {
        const shop = await trx.selectFrom('shops').select('id').where('code', '=', r.code).executeTakeFirstOrThrow();
        await recordAudit(trx, { actor: props.actor, action: 'shop.qris', entity: 'shop', entityId: shop.id, before: qrisAuditView(before?.qris ?? null), after: qrisAuditView(r.qris), at: props.at });
      }
    }
    if (summary.inserted || summary.updated) await recordAudit(trx, { actor: props.actor, action: 'shops.import', entity: 'shops', after: summary, at: props.at });
    return summary;
  });
}
