import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import { parseInput } from '../shared/parse-input.js';
import { ConflictError } from '../shared/domain-errors.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { isPeriod, periodOf } from '../shared/period.js';
import {
  insertRule,
  positionClasses,
  putRuleChange,
  ruleChanges,
  ruleIn,
  rulesIn,
  setRuleLabel,
  type QuotaRuleChangeRow,
  type QuotaRuleRow,
} from './quota-rule.repository.js';

const rupiah = z.number().int().min(0).max(1_000_000_000);
const month = z.string().refine(isPeriod, 'expected YYYY-MM');

export const quotaRuleChangeInput = z.object({
  minMonthly: rupiah,
  /** The first month the new minimum counts for; the current month or later. */
  effectiveFrom: month,
  label: z.string().trim().min(2).max(80).optional(),
});

export const quotaRuleAddInput = z.object({
  positionClass: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_-]{2,30}$/, '2–30 lowercase letters, digits, _ or -'),
  label: z.string().trim().min(2).max(80),
  minMonthly: rupiah,
});

export interface QuotaRuleView extends QuotaRuleRow {
  /** Changes recorded for later months than the one asked. */
  scheduled: QuotaRuleChangeRow[];
}

export interface QuotaRuleService {
  /** Every class with the minimum in effect in `period` (default: this month) and the changes planned after it. */
  list(period?: string): Promise<QuotaRuleView[]>;
  history(positionClass?: string): Promise<QuotaRuleChangeRow[]>;
  /** A new minimum from a month on: the current month or later, never a past one (past compliance stays). */
  change(positionClass: string, raw: unknown, actor: string): Promise<QuotaRuleView>;
  /** A new position class, so that a roster may use it. */
  add(raw: unknown, actor: string): Promise<QuotaRuleView>;
  classes(): Promise<string[]>;
}

/** The minimum monthly spending per position class, editable from a month on, every change audited. */
export function createQuotaRuleService(deps: { db: Db; clock: Clock }): QuotaRuleService {
  const { db, clock } = deps;
  const now = () => clock.now();

  async function list(period = periodOf(now())): Promise<QuotaRuleView[]> {
    const [rules, changes] = await Promise.all([rulesIn(db, period), ruleChanges(db)]);
    return rules.map((r) => ({
      ...r,
      scheduled: changes.filter((c) => c.positionClass === r.positionClass && c.effectiveFrom > period).reverse(),
    }));
  }

  async function view(positionClass: string): Promise<QuotaRuleView> {
    const found = (await list()).find((r) => r.positionClass === positionClass);
    if (!found) throw new NotFoundError('position class', positionClass);
    return found;
  }

  return {
    list,
    history: (positionClass) => ruleChanges(db, positionClass),
    classes: () => positionClasses(db),

    async change(positionClass, raw, actor) {
      const input = parseInput(quotaRuleChangeInput, raw, 'aturan kuota');
      const cls = positionClass.trim().toLowerCase();
      const current = periodOf(now());
      if (input.effectiveFrom < current) {
        throw new ValidationError(
          `effectiveFrom ${input.effectiveFrom} sudah lewat: perubahan berlaku paling awal bulan ini (${current}), agar kepatuhan bulan lalu tidak berubah`,
        );
      }
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        const before = await ruleIn(trx, cls, input.effectiveFrom);
        if (!before) throw new NotFoundError('position class', cls);
        await putRuleChange(trx, {
          positionClass: cls,
          effectiveFrom: input.effectiveFrom,
          minMonthly: input.minMonthly,
          changedBy: actor,
          changedAt: at,
        });
        if (input.label !== undefined && input.label !== before.label) await setRuleLabel(trx, cls, input.label);
        await recordAudit(trx, {
          actor,
          action: 'quota_rule.change',
          entity: 'quota_rule',
          entityId: cls,
          at,
          before: { minMonthly: before.minMonthly, label: before.label, month: input.effectiveFrom },
          after: {
            minMonthly: input.minMonthly,
            label: input.label ?? before.label,
            effectiveFrom: input.effectiveFrom,
          },
        });
      });
      return view(cls);
    },

    async add(raw, actor) {
      const input = parseInput(quotaRuleAddInput, raw, 'aturan kuota');
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        if ((await positionClasses(trx)).includes(input.positionClass))
          throw new ConflictError(`kelas jabatan ${input.positionClass} sudah ada: ubah nilainya`);
        await insertRule(trx, input);
        await putRuleChange(trx, {
          positionClass: input.positionClass,
          effectiveFrom: periodOf(now()),
          minMonthly: input.minMonthly,
          changedBy: actor,
          changedAt: at,
        });
        await recordAudit(trx, {
          actor,
          action: 'quota_rule.add',
          entity: 'quota_rule',
          entityId: input.positionClass,
          after: input,
          at,
        });
      });
      return view(input.positionClass);
    },
  };
}
