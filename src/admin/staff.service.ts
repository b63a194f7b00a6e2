import { z } from 'zod';
import type { Db } from '../db/database.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { normalizePhone } from '../shared/phone.js';
import { ConflictError } from '../shared/domain-errors.js';
import { STAFF_ROLES, type StaffRole } from './admin-person.table.js';
import {
  agencyIdByCode,
  findAdminById,
  findAdminByPhone,
  insertAdmin,
  listAdminRows,
  setAdminDisabled,
  type AdminRow,
} from './admin-person.repository.js';
import { endSessionsOfAdmin } from './admin-session.repository.js';
import { voidLoginCodes } from './login-code.repository.js';
import { parseInput } from '../shared/parse-input.js';

export const addAdminInput = z.strictObject({
  name: z.string().trim().min(2).max(120),
  phone: z.string().trim().min(8).max(20),
  role: z.enum(STAFF_ROLES as [StaffRole, ...StaffRole[]]),
  /** Required for an opd_admin (the OPD it acts for), refused for the others. */
  agencyCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{2,30}$/)
    .optional(),
});

/** An admin as the API, the dashboard and the CLI show it. */
export interface AdminView {
  id: number;
  name: string;
  phone: string;
  role: StaffRole;
  agencyCode: string | null;
  createdAt: string;
  disabledAt: string | null;
}

const toView = (r: AdminRow): AdminView => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  role: r.role,
  agencyCode: r.agency_code,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
});

/** The people of the city office who may sign in: add, list, disable (and enable again). Every change is audited. */
export function createStaffService(deps: { db: Db; clock: Clock }) {
  const { db } = deps;
  const now = () => deps.clock.now().toISOString();

  async function setDisabled(id: number, disabled: boolean, actor: string): Promise<AdminView> {
    const at = now();
    return db.transaction().execute(async (trx) => {
      const before = await findAdminById(trx, id);
      if (!before) throw new NotFoundError('admin', id);
      if ((before.disabled_at !== null) === disabled) return toView(before);
      await setAdminDisabled(trx, id, disabled ? at : null);
      // A disabled person is out at once: their sessions and unused codes end with the change.
      const ended = disabled ? await endSessionsOfAdmin(trx, id, at) : 0;
      if (disabled) await voidLoginCodes(trx, id, at);
      await recordAudit(trx, {
        actor,
        action: disabled ? 'admin.disable' : 'admin.enable',
        entity: 'admin',
        entityId: id,
        before: { disabledAt: before.disabled_at },
        after: { disabledAt: disabled ? at : null, sessionsEnded: ended },
        at,
      });
      return toView((await findAdminById(trx, id))!);
    });
  }

  return {
    async add(raw: unknown, actor: string): Promise<AdminView> {
      const input = parseInput(addAdminInput, raw, 'admin');
      const phone = normalizePhone(input.phone);
      const issues: string[] = [];
      if (!phone) issues.push('phone: not an Indonesian mobile number (e.g. 0812…)');
      let agencyId: number | null = null;
      if (input.role === 'opd_admin') {
        if (!input.agencyCode) issues.push('agencyCode: required for an opd_admin');
        else {
          agencyId = (await agencyIdByCode(db, input.agencyCode)) ?? null;
          if (agencyId === null) issues.push(`agencyCode: unknown OPD ${input.agencyCode}`);
        }
      } else if (input.agencyCode)
        issues.push(`agencyCode: only an opd_admin has an OPD (role ${input.role} sees the whole city)`);
      if (issues.length) throw new ValidationError(`admin tidak valid: ${issues.join('; ')}`, issues);
      const at = now();
      return db.transaction().execute(async (trx) => {
        if (await findAdminByPhone(trx, phone!))
          throw new ConflictError(`nomor ${phone} sudah terdaftar sebagai admin`);
        const id = await insertAdmin(trx, { name: input.name, phone: phone!, role: input.role, agencyId, at });
        await recordAudit(trx, {
          actor,
          action: 'admin.add',
          entity: 'admin',
          entityId: id,
          after: { name: input.name, phone, role: input.role, agencyCode: input.agencyCode ?? null },
          at,
        });
        return toView((await findAdminById(trx, id))!);
      });
    },

    async list(): Promise<AdminView[]> {
      return (await listAdminRows(db)).map(toView);
    },

    disable: (id: number, actor: string) => setDisabled(id, true, actor),
    enable: (id: number, actor: string) => setDisabled(id, false, actor),
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
