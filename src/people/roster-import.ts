import type { Db } from '../db/database.js';
import { recordAudit } from '../audit/audit.repository.js';
import { loadAreaIndex } from '../areas/area.repository.js';
import { readCsv, ImportError } from '../shared/csv.js';
import { isValidNip } from '../shared/identity.js';
import { normalizePhone } from '../shared/phone.js';
import { positionClasses } from './quota-rule.repository.js';
import { upsertBuyer, type BuyerRecord, type UpsertOutcome } from './buyer-upsert.js';

export const ROSTER_COLUMNS = ['nip', 'name', 'phone', 'agency_code', 'agency_name', 'position_class', 'domicile_kelurahan', 'office_kelurahan'] as const;

export interface ImportSummary {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Imports the ASN roster: every row is checked first, and one bad row rejects the whole file (with every
 * bad row's line and reason), so a roster is never half-imported. Rows are keyed by NIP: importing the
 * same file again changes nothing. `domicile_kelurahan` empty = lives outside the city.
 */
export async function importRoster(db: Db, csv: string, props: { actor: string; at: string }): Promise<ImportSummary> {
  const rows = readCsv(csv, ROSTER_COLUMNS.filter((c) => c !== 'agency_name'));
  const areas = await loadAreaIndex(db);
  const classes = new Set(await positionClasses(db));
  const problems: { line: number; reason: string }[] = [];
  const records: BuyerRecord[] = [];
  const seenNip = new Map<string, number>();
  const seenPhone = new Map<string, number>();
  for (const { line, values: v } of rows) {
    const why: string[] = [];
    const nip = (v.nip ?? '').replace(/\s/g, '');
    // The NIP itself is never echoed: it is personal data and error reports get shown and logged.
    if (!isValidNip(nip)) why.push('NIP must be 18 digits starting with a birth date');
    else if (seenNip.has(nip)) why.push(`same NIP as line ${seenNip.get(nip)}`);
    const phone = normalizePhone(v.phone ?? '');
    if (!phone) why.push('phone is not an Indonesian mobile number (e.g. 0812…)');
    else if (seenPhone.has(phone)) why.push(`same phone as line ${seenPhone.get(phone)}`);
    const name = (v.name ?? '').trim();
    if (name.length < 2 || name.length > 120) why.push('name is missing or too long');
    const agencyCode = (v.agency_code ?? '').trim().toUpperCase();
    if (!/^[A-Z0-9-]{2,30}$/.test(agencyCode)) why.push('agency_code must be 2–30 letters, digits or -');
    const cls = (v.position_class ?? '').trim().toLowerCase();
    if (!classes.has(cls)) why.push(`position_class "${cls}" has no quota rule (add it under Aturan kuota first); known: ${[...classes].join(', ')}`);
    const office = areas.resolve(v.office_kelurahan ?? '');
    if (!office) why.push(`office_kelurahan "${v.office_kelurahan ?? ''}" is not a kelurahan of Surabaya`);
    const domRaw = (v.domicile_kelurahan ?? '').trim();
    const domicile = domRaw ? areas.resolve(domRaw) : null;
    if (domRaw && !domicile) why.push(`domicile_kelurahan "${domRaw}" is not a kelurahan of Surabaya (leave empty for outside the city)`);
    if (why.length) {
      problems.push({ line, reason: why.join('; ') });
      continue;
    }
    seenNip.set(nip, line);
    seenPhone.set(phone!, line);
    records.push({ nip, name, phone: phone!, agencyCode, agencyName: (v.agency_name ?? '').trim(), positionClass: cls, domicileKelurahan: domicile, officeKelurahan: office! });
  }
  if (rows.length === 0) problems.push({ line: 1, reason: 'no rows after the header' });
  if (problems.length) throw new ImportError(problems);

  return db.transaction().execute(async (trx) => {
    // A phone already used by another NIP would break the unique index half-way: report it as a row error.
    const clashes: { line: number; reason: string }[] = [];
    for (const r of records) {
      const owner = await trx.selectFrom('buyers').select('nip').where('phone', '=', r.phone).executeTakeFirst();
      if (owner && owner.nip !== r.nip) clashes.push({ line: seenNip.get(r.nip)!, reason: 'phone already belongs to another ASN' });
    }
    if (clashes.length) throw new ImportError(clashes);
    const summary: ImportSummary = { inserted: 0, updated: 0, unchanged: 0 };
    for (const r of records) {
      const outcome: UpsertOutcome = await upsertBuyer(trx, r, props.at);
      summary[outcome]++;
    }
    if (summary.inserted || summary.updated) {
      await recordAudit(trx, { actor: props.actor, action: 'roster.import', entity: 'buyers', after: summary, at: props.at });
    }
    return summary;
  });
}
