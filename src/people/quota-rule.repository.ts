import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';

// Quota rules per position class, with their history. A class's minimum for month M is the latest change
// with effective_from <= M, else the value the class started with (quota_rules.min_monthly).

/**
 * The rules in effect in `period` as a derived table (position_class, label, min_monthly), to join in place
 * of quota_rules wherever a month's compliance is computed. Six-odd rows: each class's change is one
 * index lookup on (position_class, effective_from).
 */
export function quotaRulesIn(period: string): RawBuilder<unknown> {
  return sql`(select r.position_class, r.label, coalesce((
      select c.min_monthly from quota_rule_changes c
      where c.position_class = r.position_class and c.effective_from <= ${period}
      order by c.effective_from desc limit 1), r.min_monthly) as min_monthly
    from quota_rules r)`;
}

export interface QuotaRuleRow {
  positionClass: string;
  label: string;
  /** The minimum in effect in the asked month. */
  minMonthly: number;
}

export interface QuotaRuleChangeRow {
  positionClass: string;
  effectiveFrom: string;
  minMonthly: number;
  changedBy: string;
  changedAt: string;
}

export async function rulesIn(db: Db, period: string): Promise<QuotaRuleRow[]> {
  const r = await sql<{ position_class: string; label: string; min_monthly: number }>`
    select position_class, label, min_monthly from ${quotaRulesIn(period)} q order by min_monthly desc, position_class`.execute(
    db,
  );
  return r.rows.map((x) => ({ positionClass: x.position_class, label: x.label, minMonthly: Number(x.min_monthly) }));
}

export async function ruleIn(db: Db, positionClass: string, period: string): Promise<QuotaRuleRow | undefined> {
  return (await rulesIn(db, period)).find((r) => r.positionClass === positionClass);
}

/** Every recorded change, newest month first (the history the dashboard shows). */
export async function ruleChanges(db: Db, positionClass?: string): Promise<QuotaRuleChangeRow[]> {
  let q = db.selectFrom('quota_rule_changes').selectAll().orderBy('effective_from', 'desc').orderBy('position_class');
  if (positionClass !== undefined) q = q.where('position_class', '=', positionClass);
  return (await q.execute()).map((x) => ({
    positionClass: x.position_class,
    effectiveFrom: x.effective_from,
    minMonthly: x.min_monthly,
    changedBy: x.changed_by,
    changedAt: x.changed_at,
  }));
}

export async function positionClasses(db: Db): Promise<string[]> {
  return (await db.selectFrom('quota_rules').select('position_class').orderBy('position_class').execute()).map(
    (r) => r.position_class,
  );
}

export async function insertRule(
  db: Db,
  r: { positionClass: string; label: string; minMonthly: number },
): Promise<void> {
  await db
    .insertInto('quota_rules')
    .values({ position_class: r.positionClass, label: r.label, min_monthly: r.minMonthly })
    .execute();
}

export async function setRuleLabel(db: Db, positionClass: string, label: string): Promise<void> {
  await db.updateTable('quota_rules').set({ label }).where('position_class', '=', positionClass).execute();
}

/** One value per class and month: a second change for the same month replaces the first (both audited). */
export async function putRuleChange(
  db: Db,
  r: { positionClass: string; effectiveFrom: string; minMonthly: number; changedBy: string; changedAt: string },
): Promise<void> {
  await db
    .insertInto('quota_rule_changes')
    .values({
      position_class: r.positionClass,
      effective_from: r.effectiveFrom,
      min_monthly: r.minMonthly,
      changed_by: r.changedBy,
      changed_at: r.changedAt,
    })
    .onConflict((oc) =>
      oc
        .columns(['position_class', 'effective_from'])
        .doUpdateSet({ min_monthly: r.minMonthly, changed_by: r.changedBy, changed_at: r.changedAt }),
    )
    .execute();
}

/** The buyer's minimum in `period`: undefined for no such buyer, 0 when the class has no rule. */
export async function buyerMinimum(db: Db, buyerId: number, period: string): Promise<number | undefined> {
  const r = await sql<{ min_monthly: number | null }>`
    select q.min_monthly from buyers b left join ${quotaRulesIn(period)} q on q.position_class = b.position_class
    where b.id = ${buyerId}`.execute(db);
  const row = r.rows[0];
  return row ? Number(row.min_monthly ?? 0) : undefined;
}
