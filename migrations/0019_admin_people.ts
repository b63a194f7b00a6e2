import { sql, type Kysely } from 'kysely';

// Issue 16, item 2: the city office signs in as people, by a code sent to their chat, into sessions kept on
// the server. Tokens (api_tokens) stay for machines.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Admins are people: a name, a phone (E.164, where the sign-in code goes), a role, and for an opd_admin
  // the one OPD it may see and act for. Disabled, never deleted: the audit log names them.
  await db.schema
    .createTable('admins')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin','opd_admin','viewer')`))
    .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .addCheckConstraint('admins_opd_has_agency', sql`(role = 'opd_admin') = (agency_id is not null)`)
    .execute();

  // A sign-in code: only its hash is kept. Single use (used_at), five minutes (expires_at).
  await db.schema
    .createTable('admin_login_codes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('admin_id', 'integer', (c) => c.notNull().references('admins.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('admin_login_codes_admin')
    .on('admin_login_codes')
    .columns(['admin_id', 'created_at'])
    .execute();

  // Dashboard sessions, in the database so that several server processes share them. The cookie holds a
  // random id; only its sha256 is kept here. ended_at: signed out (or the admin disabled).
  await db.schema
    .createTable('admin_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('admin_id', 'integer', (c) => c.notNull().references('admins.id'))
    .addColumn('csrf', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('admin_sessions_admin').on('admin_sessions').column('admin_id').execute();

  // Sign-in attempts per key ("phone:+62…", "addr:1.2.3.4", "fail:+62…") in fixed windows, shared by every
  // server process.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['login_throttle', 'admin_sessions', 'admin_login_codes', 'admins'])
    await db.schema.dropTable(t).execute();
}
