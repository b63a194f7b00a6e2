import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import { findAgencyById, findBuyerByNip } from '../people/buyer.repository.js';
import {
  checkRosterRows,
  phoneClashes,
  ROSTER_COLUMNS,
  type RosterRecord,
  type RowProblem,
} from '../people/roster-import.js';
import { checkShopRows, type ShopImportRecord } from '../shops/shop-import.js';
import { findOwnerContact, findShopByCode } from '../shops/shop.repository.js';
import { readTable, type UploadedFile } from './read-table.js';

export type UploadKind = 'roster' | 'shops';
export const UPLOAD_KINDS: readonly UploadKind[] = ['roster', 'shops'];

const REQUIRED: Record<UploadKind, readonly string[]> = {
  roster: ROSTER_COLUMNS.filter((c) => c !== 'agency_name'),
  shops: ['code', 'name', 'kind', 'kelurahan', 'owner_name', 'owner_phone'],
};

/** One row the upload would add or change, as the dry run shows it (never the NIP). */
export interface PreviewRow {
  line: number;
  name: string;
  /** OPD and class for an ASN, code and kind for a shop. */
  detail: string;
  /** The columns that would change (empty for a row to add). */
  fields: string[];
}

/** What applying the records would do to the database as it is now. */
export interface UploadPreview {
  add: PreviewRow[];
  change: PreviewRow[];
  unchanged: number;
}

export type UploadRecords = RosterRecord[] | ShopImportRecord[];

/** The dry run of one upload: the checked records, what they would do, and every bad row. */
export interface UploadPlan extends UploadPreview {
  kind: UploadKind;
  total: number;
  records: UploadRecords;
  problems: RowProblem[];
}

/** Reads and checks a file and previews it against the database; reads only (runs in a worker thread for files on disk). */
export async function planUpload(db: Db, kind: UploadKind, file: UploadedFile): Promise<UploadPlan> {
  const rows = await readTable(file, REQUIRED[kind]);
  const checked = kind === 'roster' ? await checkRosterRows(db, rows) : await checkShopRows(db, rows);
  const problems = [...checked.problems];
  if (kind === 'roster') problems.push(...(await phoneClashes(db, checked.records as RosterRecord[])));
  problems.sort((a, b) => a.line - b.line);
  const preview = problems.length
    ? { add: [], change: [], unchanged: 0 }
    : await previewRecords(db, kind, checked.records);
  return { kind, total: rows.length, records: checked.records, problems, ...preview };
}

/** What the records would add and change now. Confirming recomputes this inside its write transaction. */
export async function previewRecords(db: Db, kind: UploadKind, records: UploadRecords): Promise<UploadPreview> {
  const out: UploadPreview = { add: [], change: [], unchanged: 0 };
  for (const r of records) {
    const row =
      kind === 'roster' ? await previewBuyer(db, r as RosterRecord) : await previewShop(db, r as ShopImportRecord);
    if (row === null) out.unchanged++;
    else (row.fields.length ? out.change : out.add).push(row);
  }
  return out;
}

// Mirrors upsertBuyer's comparison: the fields of the buyer row, keyed by NIP.
async function previewBuyer(db: Db, r: RosterRecord): Promise<PreviewRow | null> {
  const base = { line: r.line, name: r.name, detail: `${r.agencyCode} · ${r.positionClass}` };
  const b = await findBuyerByNip(db, r.nip);
  if (!b) return { ...base, fields: [] };
  const agency = await findAgencyById(db, b.agency_id);
  const fields: string[] = [];
  if (b.name !== r.name) fields.push('name');
  if (b.phone !== r.phone) fields.push('phone');
  if (agency?.code !== r.agencyCode) fields.push('agency_code');
  if (b.position_class !== r.positionClass) fields.push('position_class');
  if (b.domicile_kelurahan !== r.domicileKelurahan) fields.push('domicile_kelurahan');
  if (b.office_kelurahan !== r.officeKelurahan) fields.push('office_kelurahan');
  return fields.length ? { ...base, fields } : null;
}

// Mirrors upsertShop's comparison: the shop's columns and its owner contact, keyed by code.
async function previewShop(db: Db, r: ShopImportRecord): Promise<PreviewRow | null> {
  const base = { line: r.line, name: r.name, detail: `${r.code} · ${r.kind}` };
  const s = await findShopByCode(db, r.code);
  if (!s) return { ...base, fields: [] };
  const fields: string[] = [];
  if (s.name !== r.name) fields.push('name');
  if (s.kind !== r.kind) fields.push('kind');
  if (s.kelurahan_code !== r.kelurahanCode) fields.push('kelurahan');
  if (s.address !== r.address) fields.push('address');
  if (s.payment_instructions !== r.paymentInstructions) fields.push('payment_instructions');
  if (r.qris !== undefined && s.qris !== r.qris) fields.push('qris');
  const owner = await findOwnerContact(db, s.id);
  if (!owner || owner.phone !== r.ownerPhone || owner.name !== r.ownerName) fields.push('owner');
  return fields.length ? { ...base, fields } : null;
}

/** The hash that ties a confirmation to exactly what its dry run showed: the records and their preview. */
export function planHash(kind: UploadKind, records: UploadRecords, preview: UploadPreview): string {
  return createHash('sha256')
    .update(JSON.stringify({ kind, records, add: preview.add, change: preview.change, unchanged: preview.unchanged }))
    .digest('hex');
}
