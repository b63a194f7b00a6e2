import { formatRupiah } from '../shared/money.js';
import { ValidationError } from '../shared/errors.js';
import type { AudienceKind } from './segment.js';

/** The values one recipient's message is filled with; money in whole rupiah. */
export interface RecipientVars {
  name: string;
  /** ASN: committed spending this month, their quota (minimum) and what is left of it. */
  spent?: number;
  quota?: number;
  remaining?: number;
  /** Shops: the shop's name, revenue (committed) this month, its cap, completed orders. */
  shop?: string;
  revenue?: number;
  cap?: number;
  orders?: number;
  /** ASN near shops with no order this month: those shops, named (segment asn_near_idle_shops). */
  idle_shops?: string;
  days_left: number;
}

type VarName = keyof RecipientVars;
const MONEY: ReadonlySet<VarName> = new Set(['spent', 'quota', 'remaining', 'revenue', 'cap']);

/** Variables by audience: a shop has no quota, an ASN no revenue. */
export const VARIABLES: Readonly<Record<AudienceKind, readonly VarName[]>> = {
  asn: ['name', 'spent', 'quota', 'remaining', 'days_left'],
  asn_idle: ['name', 'spent', 'quota', 'remaining', 'idle_shops', 'days_left'],
  shop: ['name', 'shop', 'revenue', 'cap', 'orders', 'days_left'],
  everyone: ['name', 'days_left'],
};

/** Indonesian names for the same variables, so that an Indonesian template reads naturally. */
export const ALIASES: Readonly<Record<string, VarName>> = {
  nama: 'name',
  terpakai: 'spent',
  kuota: 'quota',
  sisa_kuota: 'remaining',
  toko: 'shop',
  omzet: 'revenue',
  batas: 'cap',
  pesanan: 'orders',
  sisa_hari: 'days_left',
  toko_sepi: 'idle_shops',
};

/**
 * Variables a segment's message must use: the point of `asn_near_idle_shops` is to name the shops, so a text
 * without them is refused rather than sent as a generic reminder.
 */
const REQUIRED: Readonly<Partial<Record<AudienceKind, VarName>>> = { asn_idle: 'idle_shops' };

const VAR = /\{([a-z_]+)\}/g;
/** Telegram refuses longer texts (4096); leave room for the longest values. */
export const MAX_TEMPLATE_LENGTH = 3500;

function canonical(token: string): VarName | undefined {
  if (Object.hasOwn(ALIASES, token)) return ALIASES[token];
  const all: readonly string[] = Object.values(VARIABLES).flat();
  return all.includes(token) ? (token as VarName) : undefined;
}

/** Checks a template for an audience; the issues name each unknown or unavailable variable. */
export function templateIssues(template: string, audience: AudienceKind, label: string): string[] {
  const issues: string[] = [];
  if (template.trim() === '') issues.push(`${label}: teks pesan kosong`);
  if (template.length > MAX_TEMPLATE_LENGTH)
    issues.push(`${label}: teks terlalu panjang (${template.length} > ${MAX_TEMPLATE_LENGTH} karakter)`);
  const allowed = VARIABLES[audience];
  const required = REQUIRED[audience];
  if (required && ![...template.matchAll(VAR)].some((m) => canonical(m[1]!) === required)) {
    const alias = Object.keys(ALIASES).find((a) => ALIASES[a] === required);
    issues.push(`${label}: segmen ini menyebut tokonya: tulis {${alias ?? required}} di pesan`);
  }
  for (const m of template.matchAll(VAR)) {
    const v = canonical(m[1]!);
    if (!v)
      issues.push(`${label}: variabel {${m[1]}} tidak dikenal; yang ada: ${allowed.map((a) => `{${a}}`).join(', ')}`);
    else if (!allowed.includes(v))
      issues.push(
        `${label}: variabel {${m[1]}} tidak tersedia untuk segmen ini; yang ada: ${allowed.map((a) => `{${a}}`).join(', ')}`,
      );
  }
  return issues;
}

export function assertTemplates(t: { id: string; en?: string | null }, audience: AudienceKind): void {
  const issues = [
    ...templateIssues(t.id, audience, 'template_id'),
    ...(t.en == null ? [] : templateIssues(t.en, audience, 'template_en')),
  ];
  if (issues.length) throw new ValidationError(issues[0]!, issues);
}

/** Fills a template; money as `Rp 1.250.000`. A variable without a value (never after validation) shows `-`. */
export function renderTemplate(template: string, vars: RecipientVars): string {
  return template.replace(VAR, (whole, token: string) => {
    const v = canonical(token);
    if (!v) return whole;
    const value = vars[v];
    if (value === undefined) return '-';
    return typeof value === 'number' && MONEY.has(v) ? formatRupiah(value) : String(value);
  });
}

/** The template in the recipient's language; English falls back to Indonesian when none was written. */
export function templateFor(t: { template_id: string; template_en: string | null }, language: 'id' | 'en'): string {
  return language === 'en' && t.template_en ? t.template_en : t.template_id;
}
