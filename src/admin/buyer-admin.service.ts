import { z } from 'zod';
import type { Db } from '../db/database.js';
import { recordAudit } from '../audit/audit.repository.js';
import { loadAreaIndex } from '../areas/area.repository.js';
import { buyerIdByPhone, findBuyer, updateBuyer, type BuyerChanges } from '../people/buyer.repository.js';
import { positionClasses } from '../people/quota-rule.repository.js';
import type { ImportSummary } from '../people/roster-import.js';
import { createRosterImportRunner } from '../people/roster-import-runner.js';
import { createImportReports, type ImportReports } from '../people/import-report.js';
import { ImportError } from '../shared/csv.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { normalizePhone } from '../shared/phone.js';
import { agencyIdByCode } from './admin-person.repository.js';
import { ConflictError } from '../shared/domain-errors.js';
import { parseInput } from '../shared/parse-input.js';

export const buyerEditInput = z
  .object({
    name: z.string().trim().min(2).max(120),
    phone: z.string().trim().min(8).max(20),
    positionClass: z.string().trim().toLowerCase().min(1),
    agencyCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9-]{2,30}$/),
    domicileKelurahan: z.string().trim().nullable().describe('kelurahan code or name; null = lives outside the city'),
    officeKelurahan: z.string().trim().min(1),
    active: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

const EDITABLE = [
  'name',
  'phone',
  'position_class',
  'agency_id',
  'domicile_kelurahan',
  'office_kelurahan',
  'active',
] as const;

/** Admin edits to the roster: a single buyer, or a CSV import (all-or-nothing, see importRoster). */
export function createBuyerAdminService(deps: { db: Db; clock: Clock; importReports?: ImportReports }) {
  const { db } = deps;
  const imports = createRosterImportRunner({ db });
  const reports = deps.importReports ?? createImportReports();
  return {
    /**
     * In a worker thread, one at a time (see roster-import-runner.ts). A rejected file throws ImportError
     * with `reportId`: every rejected row, kept for download (import-report.ts). `onlyAgencyCode`: an
     * opd_admin's import, limited to its own OPD (src/admin/opd-scope.ts).
     */
    async importRoster(csv: string, actor: string, onlyAgencyCode?: string): Promise<ImportSummary> {
      try {
        return await imports.run(csv, { actor, at: deps.clock.now().toISOString(), onlyAgencyCode });
      } catch (error) {
        if (error instanceof ImportError) throw Object.assign(error, { reportId: await reports.save(error.rows) });
        throw error;
      }
    },

    /** The file of a rejected import's report, or null (unknown or expired). */
    rejectReport(id: string): Promise<string | null> {
      return reports.find(id);
    },

    /** Changes the given fields; the audit record holds the fields before and after, never the NIP. */
    async edit(buyerId: number, raw: unknown, actor: string) {
      const input = parseInput(buyerEditInput, raw, 'buyer');
      const areas = await loadAreaIndex(db);
      const set: Record<string, unknown> = {};
      const issues: string[] = [];
      if (input.name !== undefined) set.name = input.name;
      if (input.phone !== undefined) {
        const phone = normalizePhone(input.phone);
        if (phone) set.phone = phone;
        else issues.push('phone: not an Indonesian mobile number');
      }
      if (input.domicileKelurahan !== undefined) {
        const code =
          input.domicileKelurahan === null || input.domicileKelurahan === ''
            ? null
            : areas.resolve(input.domicileKelurahan);
        if (input.domicileKelurahan && !code) issues.push('domicileKelurahan: not a kelurahan of Surabaya');
        else set.domicile_kelurahan = code;
      }
      if (input.officeKelurahan !== undefined) {
        const code = areas.resolve(input.officeKelurahan);
        if (code) set.office_kelurahan = code;
        else issues.push('officeKelurahan: not a kelurahan of Surabaya');
      }
      if (input.active !== undefined) set.active = input.active ? 1 : 0;
      if (input.positionClass !== undefined) {
        if ((await positionClasses(db)).includes(input.positionClass)) set.position_class = input.positionClass;
        else issues.push('positionClass: no quota rule for this position class');
      }
      if (input.agencyCode !== undefined) {
        const agencyId = await agencyIdByCode(db, input.agencyCode);
        if (agencyId !== undefined) set.agency_id = agencyId;
        else issues.push('agencyCode: unknown OPD');
      }
      if (issues.length) throw new ValidationError(`buyer tidak valid: ${issues.join('; ')}`, issues);
      const at = deps.clock.now().toISOString();
      return db.transaction().execute(async (trx) => {
        const b = await findBuyer(trx, buyerId);
        if (!b) throw new NotFoundError('buyer', buyerId);
        if (set.phone && set.phone !== b.phone) {
          if ((await buyerIdByPhone(trx, set.phone as string)) !== undefined)
            throw new ConflictError('nomor HP sudah dipakai ASN lain');
        }
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const k of EDITABLE) {
          if (k in set && set[k] !== b[k]) {
            before[k] = b[k];
            after[k] = set[k];
          }
        }
        if (Object.keys(after).length === 0) return b;
        await updateBuyer(trx, buyerId, after as BuyerChanges, at);
        await recordAudit(trx, { actor, action: 'buyer.edit', entity: 'buyer', entityId: buyerId, before, after, at });
        const edited = await findBuyer(trx, buyerId);
        if (!edited) throw new Error(`buyer ${buyerId} vanished during its edit`);
        return edited;
      });
    },
  };
}

export type BuyerAdminService = ReturnType<typeof createBuyerAdminService>;
