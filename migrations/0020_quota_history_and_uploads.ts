import { sql, type Kysely } from 'kysely';

// Issue 16, items 1 and 3.
// quota_rule_changes: a class's minimum from a month on. The minimum for month M is the latest change with
// effective_from <= M, else quota_rules.min_monthly (the value the class started with): a change never
// rewrites a month that has passed, so past compliance stays as it was reported.
// import_uploads: a parsed roster or shop upload kept between its dry run and its confirmation, with the hash
// of what the dry run showed, so that the confirmation applies exactly that or nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('quota_rule_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('position_class', 'text', (c) => c.notNull().references('quota_rules.position_class'))
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('min_monthly', 'integer', (c) => c.notNull().check(sql`min_monthly >= 0`))
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('quota_rule_changes_class_month', ['position_class', 'effective_from'])
    .execute();

  await db.schema
    .createTable('import_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('records', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .execute();
  await db.schema.createIndex('import_uploads_expires').on('import_uploads').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_uploads').execute();
  await db.schema.dropTable('quota_rule_changes').execute();
}
