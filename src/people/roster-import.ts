import type { Db } from '../db/database.js';
import { recordAudit } from '../audit/audit.repository.js';
import { loadAreaIndex } from '../areas/area.repository.js';
import { readCsv, ImportError, type CsvRow } from '../shared/csv.js';
import { agencyCodeOfNip, findBuyerByPhone } from './buyer.repository.js';
import { isValidNip } from '../shared/identity.js';
import { normalizePhone } from '../shared/phone.js';
import { positionClasses } from './quota-rule.repository.js';
import { upsertBuyer, type BuyerRecord, type UpsertOutcome } from './buyer-upsert.js';

export const ROSTER_COLUMNS = [
  'nip',
  'name',
  'phone',
  'agency_code',
  'agency_name',
  'position_class',
  'domicile_kelurahan',
  'office_kelurahan',
] as const;

export interface ImportSummary {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** A bad row: its line as a spreadsheet shows it, and why. */
export interface RowProblem {
  line: number;
  reason: string;
}

/** A checked roster row, with the line it came from. */
export type RosterRecord = BuyerRecord & { line: number };

/**
 * Imports the ASN roster: every row is checked first, and one bad row rejects the whole file (with every
 * bad row's line and reason), so a roster is never half-imported. Rows are keyed by NIP: importing the
 * same file again changes nothing. `domicile_kelurahan` empty = lives outside the city.
 */
export async function importRoster(
  db: Db,
  csv: string,
  props: { actor: string; at: string; onlyAgencyCode?: string },
): Promise<ImportSummary> {
  const { records, problems } = await checkRosterRows(
    db,
    readCsv(
      csv,
      ROSTER_COLUMNS.filter((c) => c !== 'agency_name'),
    ),
    props,
  );
  if (problems.length) throw new ImportError(problems);
  return db.transaction().execute((trx) => applyRoster(trx, records, props));
}

/**
 * Checks roster rows (from a CSV or a spreadsheet) against the areas and the quota rules; reads only. The
 * upload dry run (src/imports) runs this in a worker thread on its own read-only connection.
 */
export async function checkRosterRows(
  db: Db,
  rows: readonly CsvRow[],
  props: { onlyAgencyCode?: string } = {},
): Promise<{ records: RosterRecord[]; problems: RowProblem[] }> {
  const areas = await loadAreaIndex(db);
  const classes = new Set(await positionClasses(db));
  const problems: RowProblem[] = [];
  const records: RosterRecord[] = [];
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
    // An OPD's own admin imports only its own OPD's rows.
    else if (props.onlyAgencyCode && agencyCode !== props.onlyAgencyCode)
      why.push(`agency_code must be ${props.onlyAgencyCode} (your OPD)`);
    const cls = (v.position_class ?? '').trim().toLowerCase();
    if (!classes.has(cls))
      why.push(
        `position_class "${cls}" has no quota rule (add it under Aturan kuota first); known: ${[...classes].join(', ')}`,
      );
    const office = areas.resolve(v.office_kelurahan ?? '');
    if (!office) why.push(`office_kelurahan "${v.office_kelurahan ?? ''}" is not a kelurahan of Surabaya`);
    const domRaw = (v.domicile_kelurahan ?? '').trim();
    const domicile = domRaw ? areas.resolve(domRaw) : null;
    if (domRaw && !domicile)
      why.push(`domicile_kelurahan "${domRaw}" is not a kelurahan of Surabaya (leave empty for outside the city)`);
    if (why.length) {
      problems.push({ line, reason: why.join('; ') });
      continue;
    }
    seenNip.set(nip, line);
    seenPhone.set(phone!, line);
    records.push({
      line,
      nip,
      name,
      phone: phone!,
      agencyCode,
      agencyName: (v.agency_name ?? '').trim(),
      positionClass: cls,
      domicileKelurahan: domicile,
      officeKelurahan: office!,
    });
  }
  if (rows.length === 0) problems.push({ line: 1, reason: 'no rows after the header' });
  return { records, problems };
}

/** A phone already used by another NIP would break the unique index half-way: a row error instead. */
export async function phoneClashes(db: Db, records: readonly RosterRecord[]): Promise<RowProblem[]> {
  const clashes: RowProblem[] = [];
  for (const r of records) {
    const owner = await findBuyerByPhone(db, r.phone);
    if (owner && owner.nip !== r.nip) clashes.push({ line: r.line, reason: 'phone already belongs to another ASN' });
  }
  return clashes;
}

/** Writes checked records inside the caller's transaction (the CLI and API import, and a confirmed upload). */
export async function applyRoster(
  trx: Db,
  records: readonly RosterRecord[],
  props: { actor: string; at: string; action?: string; audit?: Record<string, unknown>; onlyAgencyCode?: string },
): Promise<ImportSummary> {
  const clashes = await phoneClashes(trx, records);
  // An OPD's own admin may not take an ASN over from another OPD by importing their NIP.
  if (props.onlyAgencyCode) {
    for (const r of records) {
      const current = await agencyCodeOfNip(trx, r.nip);
      if (current && current !== props.onlyAgencyCode)
        clashes.push({ line: r.line, reason: 'this ASN belongs to another OPD' });
    }
  }
  if (clashes.length) throw new ImportError(clashes);
  const summary: ImportSummary = { inserted: 0, updated: 0, unchanged: 0 };
  for (const r of records) {
    const { line: _line, ...record } = r;
    const outcome: UpsertOutcome = await upsertBuyer(trx, record, props.at);
    summary[outcome]++;
  }
  if (summary.inserted || summary.updated) {
    await recordAudit(trx, {
      actor: props.actor,
      action: props.action ?? 'roster.import',
      entity: 'buyers',
      after: { ...summary, ...props.audit },
      at: props.at,
    });
  }
  return summary;
}
