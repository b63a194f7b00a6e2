import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import { applyRoster, type ImportSummary, type RosterRecord, type RowProblem } from '../people/roster-import.js';
import { applyShops, type ShopImportRecord } from '../shops/shop-import.js';
import type { Clock } from '../shared/clock.js';
import { ValidationError } from '../shared/errors.js';
import type { UploadedFile } from './read-table.js';
import {
  planHash,
  previewRecords,
  UPLOAD_KINDS,
  type PreviewRow,
  type UploadKind,
  type UploadRecords,
} from './upload-plan.js';
import type { UploadPlanner } from './upload-planner.js';
import { claimUpload, findUpload, insertUpload, pruneUploads } from './upload.repository.js';
import { UploadChangedError, UploadExpiredError } from './upload.errors.js';

/** How long a dry run can be confirmed. */
export const UPLOAD_TTL_MS = 30 * 60_000;
/** Rows listed per table in a dry run's answer; the counts tell the rest. */
export const LISTED_ROWS = 200;

/** A dry run's answer: what would be added and changed, every bad row, and what confirming needs. */
export interface DryRun {
  /** null when a row is bad: nothing can be confirmed, fix the file and upload again. */
  id: string | null;
  sha256: string | null;
  expiresAt: string | null;
  kind: UploadKind;
  fileName: string;
  total: number;
  counts: { add: number; change: number; unchanged: number; rejected: number };
  add: PreviewRow[];
  change: PreviewRow[];
  problems: RowProblem[];
}

export interface UploadService {
  dryRun(kind: string, file: UploadedFile, actor: string): Promise<DryRun>;
  /** Applies exactly what the dry run `id` showed, or nothing (changed, expired, already applied). */
  confirm(id: string, sha256: string, actor: string): Promise<ImportSummary & { kind: UploadKind }>;
}

interface Stored {
  records: UploadRecords;
  add: PreviewRow[];
  change: PreviewRow[];
  unchanged: number;
}

/**
 * Roster and shop uploads (CSV or XLSX) in two steps. The dry run parses and checks the file off the event
 * loop (the planner) and keeps the checked records server-side under a random id with the hash of what it
 * showed; nothing else is written. The confirmation, within UPLOAD_TTL_MS, recomputes the preview inside
 * its write transaction and applies the records only if that still hashes the same.
 */
export function createUploadService(deps: {
  db: Db;
  clock: Clock;
  planner: UploadPlanner;
  ttlMs?: number;
}): UploadService {
  const { db, clock } = deps;
  const ttl = deps.ttlMs ?? UPLOAD_TTL_MS;

  return {
    async dryRun(kindRaw, file, actor) {
      const kind = UPLOAD_KINDS.find((k) => k === kindRaw);
      if (!kind) throw new ValidationError(`jenis unggahan tidak dikenal: ${kindRaw} (roster atau shops)`);
      if (file.bytes.length === 0) throw new ValidationError('berkas kosong: pilih berkas CSV atau XLSX');
      const plan = await deps.planner(kind, file);
      const now = clock.now();
      const base = {
        kind,
        fileName: file.name,
        total: plan.total,
        counts: {
          add: plan.add.length,
          change: plan.change.length,
          unchanged: plan.unchanged,
          rejected: plan.problems.length,
        },
        add: plan.add.slice(0, LISTED_ROWS),
        change: plan.change.slice(0, LISTED_ROWS),
        problems: plan.problems.slice(0, LISTED_ROWS),
      };
      await pruneUploads(db, now.toISOString());
      if (plan.problems.length) return { ...base, id: null, sha256: null, expiresAt: null };
      const id = randomBytes(18).toString('base64url');
      const sha256 = planHash(kind, plan.records, plan);
      const expiresAt = new Date(now.getTime() + ttl).toISOString();
      const stored: Stored = { records: plan.records, add: plan.add, change: plan.change, unchanged: plan.unchanged };
      await insertUpload(db, {
        id,
        kind,
        actor,
        file_name: file.name.slice(0, 200),
        sha256,
        records: JSON.stringify(stored),
        created_at: now.toISOString(),
        expires_at: expiresAt,
        confirmed_at: null,
      });
      return { ...base, id, sha256, expiresAt };
    },

    async confirm(id, sha256, actor) {
      const at = clock.now().toISOString();
      return db.transaction().execute(async (trx) => {
        const u = await findUpload(trx, id);
        if (!u) throw new UploadExpiredError('unggahan tidak ditemukan atau sudah kedaluwarsa: unggah berkasnya lagi');
        if (u.confirmed_at) throw new UploadChangedError('unggahan ini sudah diterapkan');
        if (u.expires_at <= at)
          throw new UploadExpiredError('uji coba sudah kedaluwarsa (lebih dari 30 menit): unggah berkasnya lagi');
        const stored = JSON.parse(u.records) as Stored;
        // What is stored must still be what the dry run hashed, and the hash given must be that one.
        if (sha256 !== u.sha256 || planHash(u.kind, stored.records, stored) !== u.sha256) {
          throw new UploadChangedError('unggahan berubah sejak uji coba: tidak ada yang diterapkan');
        }
        // The database may have moved since the dry run: what applying does now must be what was shown.
        const now = await previewRecords(trx, u.kind, stored.records);
        if (planHash(u.kind, stored.records, now) !== u.sha256) {
          throw new UploadChangedError(
            'data berubah sejak uji coba (baris yang ditambah atau diubah tidak lagi sama): unggah berkasnya lagi',
          );
        }
        if (!(await claimUpload(trx, id, at))) throw new UploadChangedError('unggahan ini sudah diterapkan');
        const props = {
          actor,
          at,
          action: `${u.kind}.upload`,
          audit: { upload: id, file: u.file_name, sha256: u.sha256 },
        };
        const summary =
          u.kind === 'roster'
            ? await applyRoster(trx, stored.records as RosterRecord[], props)
            : await applyShops(trx, stored.records as ShopImportRecord[], props);
        if (!summary.inserted && !summary.updated)
          await recordAudit(trx, {
            actor,
            action: `${u.kind}.upload`,
            entity: u.kind === 'roster' ? 'buyers' : 'shops',
            after: { ...summary, ...props.audit },
            at,
          });
        return { ...summary, kind: u.kind };
      });
    },
  };
}
