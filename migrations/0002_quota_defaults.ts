import { sql, type Kysely } from 'kysely';

// Default minimum monthly quotas per position class. The brief gives one anchor (a camat: at least
// Rp 2,000,000); the others are placeholders for the city office to set (`peken quota set`, the dashboard's Aturan kuota page; issue 16).
const RULES = [
  ['pimpinan', 'Pimpinan (eselon II)', 3_000_000],
  ['camat', 'Camat (eselon IIIa)', 2_000_000],
  ['eselon3', 'Pejabat eselon III', 1_500_000],
  ['eselon4', 'Pejabat eselon IV / lurah', 1_000_000],
  ['fungsional', 'Jabatan fungsional', 750_000],
  ['pelaksana', 'Pelaksana', 500_000],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [cls, label, min] of RULES) {
    await sql`insert into quota_rules (position_class, label, min_monthly) values (${cls}, ${label}, ${min})
              on conflict (position_class) do nothing`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from quota_rules where position_class in (${sql.join(RULES.map((r) => r[0]))})`.execute(db);
}
