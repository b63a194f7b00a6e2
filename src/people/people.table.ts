import type { Generated } from 'kysely';

export interface AgencyTable {
  id: Generated<number>;
  code: string;
  name: string;
  kelurahan_code: string | null;
}

export interface QuotaRuleTable {
  position_class: string;
  label: string;
  min_monthly: number;
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
