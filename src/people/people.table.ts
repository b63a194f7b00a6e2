import type { Generated, Selectable } from 'kysely';

export interface AgencyTable {
  id: Generated<number>;
  code: string;
  name: string;
  kelurahan_code: string | null;
}

export interface QuotaRuleTable {
  position_class: string;
  label: string;
  /** The minimum the class started with; later values are in quota_rule_changes. */
  min_monthly: number;
}

/** A class's minimum from `effective_from` (YYYY-MM) until its next change. */
export interface QuotaRuleChangeTable {
  id: Generated<number>;
  position_class: string;
  effective_from: string;
  min_monthly: number;
  changed_by: string;
  changed_at: string;
}

export interface BuyerTable {
  id: Generated<number>;
  nip: string;
  name: string;
  phone: string;
  agency_id: number;
  position_class: string;
  /** Where the KTP says the person lives; null when outside the city (then the office area counts). */
  domicile_kelurahan: string | null;
  office_kelurahan: string;
  language: Generated<string>;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** An OPD as the repository returns it. */
export type Agency = Selectable<AgencyTable>;
/** An ASN of the roster as the repository returns it. */
export type Buyer = Selectable<BuyerTable>;
