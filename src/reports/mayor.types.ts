/** One day of the month in the mayor's view. */
export interface MayorDay {
  /** 'YYYY-MM-DD' in WIB. */
  day: string;
  /** Committed revenue written that day (the last day also carries what was committed after the month ended). */
  turnover: number;
  orders: number;
  /** Active ASN whose committed spending reached their quota by the end of that day. */
  metQuota: number;
}

export interface MayorOpd {
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  activeAsn: number;
  metQuota: number;
  committed: number;
  /** metQuota / activeAsn, 0..1. */
  share: number;
}

export interface RevenueBand {
  /** The band as the page shows it ("Rp 1–5 juta", "mencapai batas"). */
  label: string;
  /** Lower bound (inclusive) and upper bound (exclusive; null = no upper bound) of committed revenue. */
  from: number;
  to: number | null;
  shops: number;
  revenue: number;
}

/** How evenly the month's money spread over the verified shops (issue 20), as the Pemerataan page counts it. */
export interface MayorSpread {
  /** Gini of the active shops' committed revenue this month, zeros included (0 equal, 1 one shop took all). */
  gini: number;
  /** Active (verified) shops. */
  shops: number;
  /** Shops with committed revenue this month (a completed order). */
  helped: number;
  /** Shops that no order reached this month (no hold entry). */
  noOrderYet: number;
}

/** The mayor's office's month: turnover and compliance day by day, the best and worst OPD, shops by revenue. */
export interface MayorView {
  period: string;
  days: MayorDay[];
  turnover: number;
  activeAsn: number;
  metQuota: number;
  topOpd: MayorOpd[];
  bottomOpd: MayorOpd[];
  bands: RevenueBand[];
  spread: MayorSpread;
}
